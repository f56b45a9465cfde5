/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, Name } from '@_types/common'
import { long } from '@_types/Numeric'

export class Response {
  body: {
    /**
     * The secret part of the new key.
     */
    api_key: string
    /**
     * Expiration time of the key, in milliseconds.
     */
    expiration?: long
    /**
     * The new key's identifier.
     */
    id: Id
    /**
     * The new key's name.
     */
    name: Name
    /**
     * Ready-to-use credential: base64 of `id:api_key` (UTF-8), for an `ApiKey` authorization header.
     * @availability stack since=7.16.0
     * @availability serverless
     */
    encoded: string
  }
}
