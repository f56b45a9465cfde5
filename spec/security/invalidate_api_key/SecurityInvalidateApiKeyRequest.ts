/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { Id, MediaType, Name, Username } from '@_types/common'

/**
 * Revoke API keys.
 *
 * Invalidates API keys made by the create or grant API key APIs. Invalidated keys no longer
 * authenticate, but the get and query APIs still show them until they are purged after the
 * retention period.
 *
 * `manage_security` can invalidate any key, REST or cross-cluster; `manage_api_key` any REST
 * key; `manage_own_api_key` only the caller's own REST keys. In the last case the request must
 * set `owner=true`, or set `username` and `realm_name` to the caller's identity, or (for a key
 * invalidating itself) list the key's own identifier in `ids`.
 * @rest_spec_name security.invalidate_api_key
 * @availability stack since=6.7.0 stability=stable
 * @availability serverless visibility=public stability=stable
 * @cluster_privileges manage_api_key, manage_own_api_key
 * @doc_id security-api-invalidate-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key'
      methods: ['DELETE']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  body: {
    id?: Id
    /**
     * Identifiers of the keys to invalidate. Not combinable with `name`, `realm_name` or `username`.
     */
    ids?: Id[]
    /**
     * Name of the keys to invalidate. Not combinable with `ids`, `realm_name` or `username`.
     */
    name?: Name
    /**
     * Invalidate the caller's own keys. When `true`, `realm_name` and `username` must not be set.
     * When `false`, at least one of `ids`, `name`, `username` or `realm_name` is required.
     * @server_default false
     */
    owner?: boolean
    /**
     * Invalidate keys of users from this realm. Not combinable with `ids`, `name` or `owner=true`.
     */
    realm_name?: string
    /**
     * Invalidate keys of this user. Not combinable with `ids`, `name` or `owner=true`.
     */
    username?: Username
  }
}
