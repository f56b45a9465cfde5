/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Metadata } from '@_types/common'
import { Dictionary } from '@spec_utils/Dictionary'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'
import {
  ApplicationPrivileges,
  ClusterPrivilege,
  GlobalPrivilege,
  IndicesPrivileges,
  RemoteClusterPrivileges,
  RemoteIndicesPrivileges
} from './Privileges'

/** A set of permissions, with the same shape as a role definition. */
export class RoleDescriptor {
  /**
   * Cluster-wide privileges.
   */
  cluster?: ClusterPrivilege[]
  /**
   * Index permission entries.
   * @aliases index
   */
  indices?: IndicesPrivileges[]
  /**
   * Index permission entries that apply on remote clusters.
   * @availability stack since=8.14.0
   */
  remote_indices?: RemoteIndicesPrivileges[]
  /**
   * Cluster privileges that apply on remote clusters (only a small subset is allowed).
   * @availability stack since=8.15.0
   */
  remote_cluster?: RemoteClusterPrivileges[]
  /**
   * Global privileges: cluster privileges that also look at the request they authorize.
   * @availability stack
   */
  global?: GlobalPrivilege[] | GlobalPrivilege
  /**
   * Application privilege entries.
   */
  applications?: ApplicationPrivileges[]
  /**
   * User metadata. Keys starting with `_` are reserved for the system.
   */
  metadata?: Metadata
  /**
   * Users that may be impersonated. Serverless projects disable run-as: only an empty list
   * is accepted there.
   * @ext_doc_id run-as-privilege
   */
  run_as?: string[]
  /**
   * Free-text description.
   */
  description?: string
  /**
   * Conditions limiting when these permissions apply.
   */
  restriction?: Restriction
  transient_metadata?: Dictionary<string, UserDefinedValue>
}

/** Limits the situations in which a role descriptor takes effect. */
export class Restriction {
  /**
   * Workflows the permissions are limited to. A key using a restriction must have
   * exactly one role descriptor.
   */
  workflows: RestrictionWorkflow[]
}

/**
 * Workflows a role descriptor can be restricted to.
 * @non_exhaustive
 */
export enum RestrictionWorkflow {
  search_application_query
}
