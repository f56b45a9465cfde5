/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { Id, MediaType, Metadata } from '@_types/common'
import { Duration } from '@_types/Time'
import { Access } from '@security/_types/Access'

/**
 * Change an existing cross-cluster API key.
 *
 * Changes the access, expiration, metadata or certificate identity of an existing
 * cross-cluster API key. Owner details such as username and realm are refreshed on every call.
 *
 * Callers can only update keys they own; use `run_as` for another user's key. The call must
 * be authenticated with the owner's credentials, not an API key. Expired or invalidated keys
 * cannot be updated, and REST keys must go through the update or bulk update API key APIs.
 * @rest_spec_name security.update_cross_cluster_api_key
 * @availability stack stability=stable
 * @cluster_privileges manage_security
 * @doc_id security-api-cross-cluster-key-update
 * @ext_doc_id remote-clusters-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/cross_cluster/api_key/{id}'
      methods: ['PUT']
    }
  ]
  path_parts: {
    /**
     * Identifier of the cross-cluster key to update.
     */
    id: Id
  }
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  body: {
    /**
     * What the key grants: cross-cluster search, replication, or both (at least one).
     * Replaces the previous access entirely.
     */
    access: Access
    /**
     * New validity period. Leave it out to keep the current expiration.
     */
    expiration?: Duration
    /**
     * New metadata, replacing the old one entirely. May be nested; keys starting with `_`
     * are reserved for the system.
     */
    metadata?: Metadata
    /**
     * TLS certificate identity (a distinguished name pattern) the key is bound to. A value
     * replaces the current one, `null` removes it, and leaving it out keeps it.
     */
    certificate_identity?: string
  }
}
