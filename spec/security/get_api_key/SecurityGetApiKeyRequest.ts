/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { Id, MediaType, Name, Username } from '@_types/common'

/**
 * Retrieve API keys.
 *
 * Returns one or more API keys. Callers with only `manage_own_api_key` see just their own
 * keys; `read_security`, `manage_api_key` and higher privileges see every key.
 * @rest_spec_name security.get_api_key
 * @availability stack since=6.7.0 stability=stable
 * @availability serverless visibility=public stability=stable
 * @cluster_privileges manage_own_api_key, read_security
 * @doc_id security-api-get-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key'
      methods: ['GET']
    }
  ]
  response_media_type: MediaType.Json
  query_parameters: {
    /**
     * Return the key with this identifier. Not combinable with `name`, `realm_name` or `username`.
     */
    id?: Id
    /**
     * Return keys with this name; a trailing wildcard does prefix matching.
     * Not combinable with `id`, `realm_name` or `username`.
     */
    name?: Name
    /**
     * Return only the caller's keys. When `true`, `realm_name` and `username` must not be set.
     * @server_default false
     */
    owner?: boolean
    /**
     * Return keys of users from this realm. Not combinable with `id`, `name` or `owner=true`.
     */
    realm_name?: Name
    /**
     * Return keys of this user. Not combinable with `id`, `name` or `owner=true`.
     */
    username?: Username
    /**
     * Also return `limited_by`, the owner permissions snapshot that caps each key.
     * @server_default false
     * @availability stack since=8.5.0
     * @availability serverless
     */
    with_limited_by?: boolean
    /**
     * Return only keys that are neither expired nor invalidated. Can be combined with the
     * other filters; when `false`, inactive keys are listed too.
     * @server_default false
     * @availability stack since=8.10.0
     * @availability serverless
     */
    active_only?: boolean
    /**
     * Also return the user profile ID of each key's owner, when a profile exists.
     * @server_default false
     * @availability stack since=8.14.0
     * @availability serverless
     */
    with_profile_uid?: boolean
  }
}
