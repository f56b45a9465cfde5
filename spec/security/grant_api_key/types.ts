/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Metadata, Name, Password } from '@_types/common'
import { DurationLarge } from '@_types/Time'
import { RoleDescriptor } from '@security/_types/RoleDescriptor'
import { Dictionary } from '@spec_utils/Dictionary'

/** The API key to create on the user's behalf. */
export class GrantApiKey {
  name: Name
  /**
   * How long the key stays valid. Without it, the key never expires.
   */
  expiration?: DurationLarge
  /**
   * Permissions of the key, keyed by role name. The key gets the intersection of these
   * with the user's permissions; when omitted or empty, it gets a snapshot of the user's
   * (or the access token's) permissions.
   */
  role_descriptors?:
    | Dictionary<string, RoleDescriptor>
    | Dictionary<string, RoleDescriptor>[]
  /**
   * Arbitrary, possibly nested, data to store with the key. Keys starting with `_` are
   * reserved for the system.
   */
  metadata?: Metadata
}

/** How the user on whose behalf the key is created is authenticated. */
export enum ApiKeyGrantType {
  access_token,
  password
}

/**
 * Client credentials for a JWT whose realm requires client authentication. They are what
 * the `ES-Client-Authentication` header would carry if the client called with the JWT itself.
 */
export class ClientAuthentication {
  /**
   * The authentication scheme, case-sensitive.
   */
  scheme: ClientAuthenticationScheme
  /**
   * The credential that follows the scheme in the header, for example the shared secret.
   * A secret: typed as `Password` (a string) so that generated code never prints it.
   */
  value: Password
}

/** Client authentication schemes accepted with a JWT. */
export enum ClientAuthenticationScheme {
  SharedSecret
}
