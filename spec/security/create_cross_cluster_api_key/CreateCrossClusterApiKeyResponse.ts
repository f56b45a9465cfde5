/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, Name } from '@_types/common'
import { DurationValue, UnitMillis } from '@_types/Time'

export class Response {
  body: {
    /**
     * The secret part of the new key.
     */
    api_key: string
    /**
     * Expiration time of the key, in milliseconds.
     */
    expiration?: DurationValue<UnitMillis>
    /**
     * The new key's identifier.
     */
    id: Id
    /**
     * The new key's name.
     */
    name: Name
    /**
     * Base64 of `id:api_key` (UTF-8), the credential the remote cluster uses.
     */
    encoded: string
  }
}
