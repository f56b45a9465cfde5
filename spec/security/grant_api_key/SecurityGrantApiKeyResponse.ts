/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, Name } from '@_types/common'
import { EpochTime, UnitMillis } from '@_types/Time'

export class Response {
  body: {
    /** The secret part of the new key. */
    api_key: string
    /** The new key's identifier. */
    id: Id
    /** The new key's name. */
    name: Name
    /** Expiration time of the key, in epoch milliseconds. */
    expiration?: EpochTime<UnitMillis>
    /** Base64 of `id:api_key`, ready for an `ApiKey` authorization header. */
    encoded: string
  }
}
