/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType, Metadata } from '@_types/common'
import { Duration } from '@_types/Time'
import { RoleDescriptor } from '@security/_types/RoleDescriptor'
import { Dictionary } from '@spec_utils/Dictionary'

/**
 * Update several API keys at once.
 *
 * Applies one update (permissions, metadata, expiration) to several API keys in a single
 * call, which is much cheaper than updating them one by one. Expired and invalidated keys
 * cannot be updated, and the call must use the owner's credentials, not an API key.
 *
 * Every call refreshes the snapshot of the owner's permissions stored with each key, so a
 * key's effective access can change even when `role_descriptors` is not sent.
 * The response lists the keys that changed, those already up to date, and any failures.
 * @rest_spec_name security.bulk_update_api_keys
 * @availability stack since=8.5.0 visibility=public stability=stable
 * @doc_id security-api-bulk-update-key
 * @cluster_privileges manage_own_api_key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key/_bulk_update'
      methods: ['POST']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  body: {
    /**
     * New validity period. Leave it out to keep the current expiration.
     */
    expiration?: Duration
    /**
     * Identifiers of the keys to update.
     */
    ids: string | string[]
    /**
     * New metadata, replacing the old one entirely. Top-level keys starting with `_` are
     * reserved for the system.
     */
    metadata?: Metadata
    /**
     * New permissions of the keys, keyed by role name. Each key's effective permissions are
     * the intersection of these with the owner's. Send `{}` to drop all assigned privileges,
     * so that the keys inherit the owner's full permissions.
     */
    role_descriptors?: Dictionary<string, RoleDescriptor>
  }
}
