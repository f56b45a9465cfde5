/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, Name } from '@_types/common'
import { long } from '@_types/Numeric'

export class Response {
  body: {
    /**
     * The secret part of the copy.
     */
    api_key: string
    /**
     * Expiration time of the copy, in milliseconds.
     */
    expiration?: long
    /**
     * The copy's identifier.
     */
    id: Id
    /**
     * The copy's name.
     */
    name: Name
    /**
     * Base64 of `id:api_key` (UTF-8), ready for an `ApiKey` authorization header.
     */
    encoded: string
  }
}
