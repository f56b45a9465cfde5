/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, Metadata, Name, Username } from '@_types/common'
import { CredentialManagedBy } from '@security/_types/CredentialManagedBy'
import { RealmInfo } from '@security/_types/RealmInfo'
import { Token } from './types'

export class Response {
  body: {
    /** The API key used, when the caller authenticated with one. */
    api_key?: AuthenticateApiKey
    /** Realm that checked the credentials. */
    authentication_realm: RealmInfo
    email?: string | null
    full_name?: Name | null
    /** Realm the user's details were loaded from. */
    lookup_realm: RealmInfo
    metadata: Metadata
    roles: string[]
    username: Username
    enabled: boolean
    /** How the caller authenticated, for example `realm`, `api_key` or `token`. */
    authentication_type: string
    /**
     * @availability stack since=7.14.0
     * @availability serverless
     */
    token?: Token
  }
}

/** The API key the caller authenticated with. */
export class AuthenticateApiKey {
  id: Id
  name?: Name
  managed_by: CredentialManagedBy
  internal?: boolean
}
