/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType, Metadata, Name, Refresh } from '@_types/common'
import { Duration } from '@_types/Time'
import { RoleDescriptor } from '@security/_types/RoleDescriptor'
import { Dictionary } from '@spec_utils/Dictionary'

/**
 * Create an API key for the caller.
 *
 * Creates an API key that can authenticate requests instead of basic authentication.
 * The response holds the key's secret, identifier and name, and its expiration when one was set.
 *
 * Keys do not expire unless `expiration` is given. When the request is itself authenticated
 * with an API key, the new key must be created without privileges, otherwise the call fails.
 * The API key service is enabled by default; its settings control keys' behaviour.
 * @rest_spec_name security.create_api_key
 * @availability stack since=6.7.0 stability=stable
 * @availability serverless visibility=public stability=stable
 * @cluster_privileges manage_own_api_key
 * @doc_id security-api-create-api-key
 * @ext_doc_id security-settings-api-keys
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key'
      methods: ['PUT', 'POST']
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
     * How long the key stays valid. Without it, the key never expires.
     */
    expiration?: Duration
    /** The key's name. */
    name?: Name
    /**
     * Permissions of the key, keyed by role name, in the same format as role definitions.
     * The key gets the intersection of these with the caller's own permissions. When omitted
     * or empty, the key gets a snapshot of the caller's permissions.
     *
     * To create a key from another API key, give a role descriptor without privileges: a
     * derived key cannot hold privileges, so it can authenticate but not call any API.
     * @ext_doc_id security-api-put-role
     */
    role_descriptors?: Dictionary<string, RoleDescriptor>
    /**
     * Arbitrary, possibly nested, data to store with the key. Keys starting with `_` are
     * reserved for the system.
     * @availability stack since=7.13.0
     * @availability serverless
     */
    metadata?: Metadata
  }
}
