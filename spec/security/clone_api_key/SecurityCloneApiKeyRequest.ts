/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType, Metadata, Name, Refresh } from '@_types/common'
import { Duration } from '@_types/Time'

/**
 * Copy an existing API key.
 *
 * Creates a new API key, with its own identifier, that carries the role descriptors of an
 * existing key. It lets an application holding a user's API key (such as Kibana) mint keys
 * for that user, which is otherwise impossible since keys made by keys get no privileges.
 * @rest_spec_name security.clone_api_key
 * @availability stack since=9.4.0 stability=experimental
 * @availability serverless visibility=private stability=experimental
 * @cluster_privileges manage_own_api_key
 * @doc_id security-api-clone-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key/clone'
      methods: ['POST', 'PUT']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  query_parameters: {
    /**
     * Refresh behaviour of the write: `true` makes it visible to search right away,
     * `wait_for` waits for the next refresh, `false` does nothing.
     */
    refresh?: Refresh
  }
  body: {
    /**
     * Secret of the key to copy, as returned when that key was created.
     */
    api_key: string
    /**
     * Name of the copy; the source key's name is used when omitted.
     */
    name?: Name
    /**
     * How long the copy stays valid. By default it never expires; `null` asks explicitly
     * for no expiration.
     */
    expiration?: Duration
    /**
     * Arbitrary, possibly nested, data to store with the copy. Keys starting with `_` are
     * reserved for the system.
     */
    metadata?: Metadata
  }
}
