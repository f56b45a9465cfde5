/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, Metadata, Name, Username } from '@_types/common'
import { SortResults } from '@_types/sort'
import { EpochTime, UnitMillis } from '@_types/Time'
import { Dictionary } from '@spec_utils/Dictionary'
import { Access } from './Access'
import { RoleDescriptor } from './RoleDescriptor'

/** Information about one API key, as returned by the get and query APIs. */
export class ApiKey {
  /**
   * The key's identifier.
   */
  id: Id
  /**
   * The key's name.
   */
  name: Name
  /**
   * Whether this is a regular REST key or a cross-cluster key.
   * @availability stack since=8.10.0
   * @availability serverless
   */
  type: ApiKeyType
  /**
   * When the key was created, in epoch milliseconds.
   */
  creation: EpochTime<UnitMillis>
  /**
   * When the key expires, in epoch milliseconds; absent for keys that never expire.
   */
  expiration?: EpochTime<UnitMillis>
  /**
   * `true` once the key has been invalidated.
   */
  invalidated: boolean
  /**
   * When the key was invalidated, in epoch milliseconds.
   * @availability stack since=8.12.0
   * @availability serverless
   */
  invalidation?: EpochTime<UnitMillis>
  /**
   * The user who owns the key.
   */
  username: Username
  /**
   * Name of the realm that authenticated the owner.
   */
  realm: string
  /**
   * Type of the realm that authenticated the owner.
   * @availability stack since=8.14.0
   * @availability serverless
   */
  realm_type?: string
  /**
   * User-supplied metadata of the key.
   * @availability stack since=7.13.0
   * @availability serverless
   */
  metadata: Metadata
  /**
   * Role descriptors given to the key at creation or at its last update. When empty, the
   * key has the owner's permissions.
   */
  role_descriptors?: Dictionary<string, RoleDescriptor>
  /**
   * Snapshot of the owner's permissions, taken at creation and at each update. The key's
   * effective permissions are the intersection of these and its own role descriptors.
   * @availability stack since=8.5.0
   * @availability serverless
   */
  limited_by?: Array<Dictionary<string, RoleDescriptor>>
  /**
   * For cross-cluster keys: the search and replication access they grant.
   * @availability stack since=8.10.0
   * @availability serverless
   */
  access?: Access
  /**
   * For cross-cluster keys: the TLS certificate identity the key is bound to.
   * @availability stack since=9.3.0
   */
  certificate_identity?: string
  /**
   * User profile ID of the owner, when requested and when a profile exists.
   * @availability stack since=8.14.0
   * @availability serverless
   */
  profile_uid?: string
  /**
   * Sort values of this key when the query API was called with `sort`.
   */
  _sort?: SortResults
}

/** The two kinds of API key. */
export enum ApiKeyType {
  rest,
  cross_cluster
}
