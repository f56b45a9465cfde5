/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType, Password, Refresh, Username } from '@_types/common'
import { ApiKeyGrantType, ClientAuthentication, GrantApiKey } from './types'

/**
 * Grant an API key to another user.
 *
 * Creates an API key for a user other than the caller. The caller supplies that user's
 * credentials: a username and password, an Elasticsearch access token, or a JWT. With
 * `run_as`, the key is created for a user impersonated by the authenticated one.
 *
 * Meant for applications that manage keys for their end users when those users may lack
 * the privilege to create keys themselves. It cannot be used without the user's credentials.
 * The response holds the key's secret, identifier and name, and its expiration when one was set;
 * keys do not expire unless asked to.
 * @rest_spec_name security.grant_api_key
 * @availability stack since=7.9.0 stability=stable
 * @availability serverless visibility=private stability=stable
 * @cluster_privileges grant_api_key
 * @doc_id security-api-grant-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key/grant'
      methods: ['POST']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  query_parameters: {
    /**
     * Refresh behaviour of the write: `true` makes it visible to search right away,
     * `wait_for` waits for the next refresh, `false` does nothing.
     * @server_default false
     */
    refresh?: Refresh
  }
  body: {
    /**
     * The key to create.
     */
    api_key: GrantApiKey
    /**
     * Kind of user credentials supplied: `access_token` or `password`.
     */
    grant_type: ApiKeyGrantType
    /**
     * The user's access token or JWT. Required with the `access_token` grant type and
     * rejected with the others.
     */
    access_token?: string
    /**
     * The user's name. Required with the `password` grant type and rejected with the others.
     */
    username?: Username
    /**
     * The user's password. Required with the `password` grant type and rejected with the others.
     */
    password?: Password
    /**
     * A user to impersonate; the key is created for that user.
     */
    run_as?: Username
    /**
     * Client credentials to present with a JWT given in `access_token`, for JWT realms that
     * require client authentication. Only valid with the `access_token` grant type.
     * @availability stack since=8.12.0
     */
    client_authentication?: ClientAuthentication
  }
}
