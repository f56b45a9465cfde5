/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType, Metadata, Name } from '@_types/common'
import { Duration } from '@_types/Time'
import { Access } from '@security/_types/Access'

/**
 * Create an API key for remote cluster access.
 *
 * Creates a key of type `cross_cluster`, used by remote clusters that connect with API key
 * authentication. Such a key cannot authenticate REST requests, and it does not depend on
 * the caller's permissions: it grants exactly what `access` describes.
 *
 * The request must not be authenticated with an API key, even one holding the privilege.
 * The response holds the key's secret, identifier and name, and its expiration when one was
 * set; keys do not expire unless asked to. Only the update cross-cluster API key API can
 * change these keys: the REST key update APIs reject them.
 * @rest_spec_name security.create_cross_cluster_api_key
 * @availability stack stability=stable
 * @cluster_privileges manage_security
 * @doc_id security-api-cross-cluster-key
 * @ext_doc_id remote-clusters-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/cross_cluster/api_key'
      methods: ['POST']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  body: {
    /**
     * What the key grants: cross-cluster search, replication, or both (at least one).
     * Do not list privileges: they are derived from this description.
     */
    access: Access
    /**
     * How long the key stays valid. Without it, the key never expires.
     */
    expiration?: Duration
    /**
     * Arbitrary, possibly nested, data to store with the key. Keys starting with `_` are
     * reserved for the system.
     */
    metadata?: Metadata
    /** The key's name. */
    name: Name
    /**
     * Binds the key to connections authenticated with a matching TLS certificate, given as a
     * distinguished name pattern.
     */
    certificate_identity?: string
  }
}
