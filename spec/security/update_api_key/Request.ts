/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { Id, MediaType, Metadata } from '@_types/common'
import { Duration } from '@_types/Time'
import { RoleDescriptor } from '@security/_types/RoleDescriptor'
import { Dictionary } from '@spec_utils/Dictionary'

/**
 * Change an existing API key.
 *
 * Changes the permissions, expiration or metadata of an existing REST API key created with
 * the create or grant API key APIs. Expired and invalidated keys cannot be updated.
 *
 * Callers can only update keys they own or that were granted to them; to update another
 * user's key, use `run_as`. The call must be authenticated with the owner's credentials, not
 * with an API key. For the same change on many keys, prefer the bulk update API.
 *
 * Every call refreshes the snapshot of the owner's permissions stored with the key, so the
 * key's effective access can change even when `role_descriptors` is not sent.
 * @rest_spec_name security.update_api_key
 * @availability stack since=8.4.0 stability=stable
 * @availability serverless visibility=public stability=stable
 * @cluster_privileges manage_own_api_key
 * @doc_id security-api-update-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key/{id}'
      methods: ['PUT']
    }
  ]
  path_parts: {
    /**
     * Identifier of the key to update.
     */
    id: Id
  }
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  body?: {
    /**
     * New permissions of the key, keyed by role name, in the format used when creating keys.
     * The key's effective permissions are the intersection of these with the owner's.
     * Send `{}` to drop all assigned privileges: the key then inherits the owner's full
     * permissions. The owner snapshot is refreshed whether or not this is sent.
     */
    role_descriptors?: Dictionary<string, RoleDescriptor>
    /**
     * New metadata, replacing the old one entirely. May be nested; keys starting with `_`
     * are reserved for the system.
     */
    metadata?: Metadata
    /**
     * New validity period. Leave it out to keep the current expiration.
     */
    expiration?: Duration
  }
}
