/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Id, IndexName, Names } from '@_types/common'
import { QueryContainer } from '@_types/query_dsl/abstractions'
import { ScriptLanguage } from '@_types/Scripting'
import { OverloadOf } from '@spec_utils/behaviors'
import { Dictionary } from '@spec_utils/Dictionary'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'
import { FieldSecurity } from './FieldSecurity'

/** Application-scoped part of a global privilege. */
export class ApplicationGlobalUserPrivileges {
  manage: ManageUserPrivileges
}

/** Privileges on the resources of an application (for example Kibana). */
export class ApplicationPrivileges {
  /**
   * Application the entry is about.
   */
  application: string
  /**
   * Application privilege names or action patterns granted.
   */
  privileges: string[]
  /**
   * Application resources the privileges apply to.
   */
  resources: string[]
}

/**
 * Named cluster-level privileges.
 * @non_exhaustive
 */
export enum ClusterPrivilege {
  all,
  cancel_task,
  /**
   * @availability stack
   */
  create_snapshot,
  /**
   * @availability stack
   */
  cross_cluster_replication,
  /**
   * @availability stack
   */
  cross_cluster_search,
  /**
   * @availability stack
   */
  delegate_pki,
  /**
   * @availability stack
   */
  grant_api_key,
  manage,
  manage_api_key,
  /**
   * @availability stack
   */
  manage_autoscaling,
  manage_behavioral_analytics,
  /**
   * @availability stack
   */
  manage_ccr,
  /**
   * @availability stack
   */
  manage_data_frame_transforms,
  /**
   * @availability stack
   */
  manage_data_stream_global_retention,
  manage_enrich,
  manage_esql,
  /**
   * @availability stack
   */
  manage_ilm,
  manage_index_templates,
  manage_inference,
  manage_ingest_pipelines,
  manage_logstash_pipelines,
  manage_ml,
  /**
   * @availability stack
   */
  manage_oidc,
  manage_own_api_key,
  manage_pipeline,
  /**
   * @availability stack since=9.5.0
   * @availability serverless since=9.5.0
   */
  manage_reindex,
  /**
   * @availability stack
   */
  manage_rollup,
  /**
   * @availability stack
   */
  manage_saml,
  manage_search_application,
  manage_search_query_rules,
  manage_search_synonyms,
  manage_security,
  /**
   * @availability stack
   */
  manage_service_account,
  /**
   * @availability stack
   */
  manage_slm,
  /**
   * @availability stack
   */
  manage_token,
  manage_transform,
  /**
   * @availability stack
   */
  manage_user_profile,
  /**
   * @availability stack
   */
  manage_watcher,
  monitor,
  /**
   * @availability stack
   */
  monitor_data_frame_transforms,
  /**
   * @availability stack
   */
  monitor_data_stream_global_retention,
  monitor_enrich,
  monitor_esql,
  monitor_inference,
  monitor_ml,
  /**
   * @availability stack since=9.5.0
   * @availability serverless since=9.5.0
   */
  monitor_reindex,
  /**
   * @availability stack
   */
  monitor_rollup,
  /**
   * @availability stack
   */
  monitor_snapshot,
  /**
   * @availability stack since=8.17.0
   */
  monitor_stats,
  /**
   * @availability stack
   */
  monitor_text_structure,
  monitor_transform,
  /**
   * @availability stack
   */
  monitor_watcher,
  none,
  post_behavioral_analytics_event,
  /**
   * @availability stack
   */
  read_ccr,
  /**
   * @availability stack
   */
  read_fleet_secrets,
  /**
   * @availability stack
   */
  read_ilm,
  read_pipeline,
  read_security,
  /**
   * @availability stack
   */
  read_slm,
  /**
   * @availability stack
   */
  transport_client,
  /**
   * @availability stack
   */
  write_connector_secrets,
  /**
   * @availability stack
   */
  write_fleet_secrets,
  /**
   * @availability serverless
   */
  read_project_routing,
  /**
   * @availability serverless
   */
  manage_project_routing
}

/**
 * Cluster privileges that may be granted on a remote cluster.
 */
export enum RemoteClusterPrivilege {
  /**
   * @availability stack since=8.14.0
   */
  monitor_enrich,
  /**
   * @availability stack since=8.17.0
   */
  monitor_stats
}

/** One index permission entry. */
export class IndicesPrivilegesBase {
  /**
   * Which document fields are readable.
   * @ext_doc_id field-and-document-access-control
   */
  field_security?: FieldSecurity
  // Deliberately `IndexName | IndexName[]` rather than an `Indices` alias.
  /**
   * Index names or patterns the entry applies to.
   */
  names: IndexName | IndexName[]
  /**
   * Index privileges granted on those indices.
   */
  privileges: IndexPrivilege[]
  /**
   * Document-level security: only documents matching this query are visible.
   */
  query?: IndicesPrivilegesQuery
  /**
   * Let the patterns in `names` also match restricted (system) indices. Restricted
   * indices listed by exact name are always covered, whatever this value.
   * @server_default false
   * @availability stack
   */
  allow_restricted_indices?: boolean
}

/** An index permission entry as used in roles and API keys. */
export class IndicesPrivileges implements OverloadOf<IndicesPrivilegesBase> {}

/**
 * An index permission entry for remote clusters.
 */
export class RemoteIndicesPrivileges
  implements OverloadOf<IndicesPrivilegesBase>
{
  /**
   * Remote cluster aliases the entry applies to.
   */
  clusters: Names
}

/**
 * Cluster privileges granted on remote clusters.
 */
export class RemoteClusterPrivileges {
  /**
   * Remote cluster aliases the entry applies to.
   */
  clusters: Names
  /**
   * Privileges granted on those clusters.
   */
  privileges: RemoteClusterPrivilege[]
}

/**
 * The document-level security query of an index permission entry. Requests may send a
 * query object, a template, or the query as JSON text; responses always carry JSON text.
 *
 * @codegen_names json_text, query, template
 */
export type IndicesPrivilegesQuery = string | QueryContainer | RoleTemplateQuery

/** A document-level security query built from a template. */
export class RoleTemplateQuery {
  /**
   * A script (normally Mustache) that renders the query. It can refer to the current user
   * through the `_user` parameter, for example to restrict documents to their owner.
   *
   * @ext_doc_id templating-role-query
   */
  template?: RoleTemplateScript
}

/**
 * The template of a document-level security query, inline or stored.
 * @shortcut_property source
 */
export class RoleTemplateScript {
  source?: RoleTemplateInlineQuery
  /**
   * Identifier of a stored template.
   */
  id?: Id
  /**
   * Values passed to the template.
   */
  params?: Dictionary<string, UserDefinedValue>
  /**
   * Template language.
   * @server_default painless
   */
  lang?: ScriptLanguage
  options?: Dictionary<string, string>
}

/**
 * An inline template: text, or a query object.
 * @codegen_names query_string, query_object
 */
export type RoleTemplateInlineQuery = string | QueryContainer

/**
 * Named index-level privileges.
 * @non_exhaustive
 */
export enum IndexPrivilege {
  all,
  auto_configure,
  create,
  create_doc,
  create_index,
  create_view,
  /**
   * @availability stack
   */
  cross_cluster_replication,
  /**
   * @availability stack
   */
  cross_cluster_replication_internal,
  delete,
  delete_index,
  delete_view,
  index,
  maintenance,
  manage,
  manage_data_stream_lifecycle,
  /**
   * @availability stack
   */
  manage_follow_index,
  /**
   * @availability stack
   */
  manage_ilm,
  /**
   * @availability stack
   */
  manage_leader_index,
  manage_view,
  monitor,
  none,
  read,
  /**
   * @availability stack
   */
  read_cross_cluster,
  read_view_metadata,
  view_index_metadata,
  write
}

/** A global privilege entry. */
export class GlobalPrivilege {
  application: ApplicationGlobalUserPrivileges
  /**
   * Data source privilege entries, granting access to ES|QL data sources.
   * @availability stack since=9.5.0
   */
  data_source?: DataSourcePrivileges[]
}

/** Applications whose user-level settings may be managed. */
export class ManageUserPrivileges {
  applications: string[]
}

/** Privileges on ES|QL data sources. */
export class DataSourcePrivileges {
  /**
   * Data source names or wildcard patterns the entry applies to.
   */
  names: string[]
  /**
   * Privileges granted on those data sources.
   */
  privileges: DataSourcePrivilege[]
}

/**
 * Named data source privileges.
 * @non_exhaustive
 */
export enum DataSourcePrivilege {
  /**
   * Create data sources with a matching name.
   */
  create,
  /**
   * Delete data sources with a matching name.
   */
  delete,
  /**
   * See the metadata of a data source.
   */
  read_metadata,
  /**
   * Attach a dataset to a data source with a matching name.
   */
  read,
  /**
   * Everything above: `create`, `delete`, `read` and `read_metadata`.
   */
  manage
}

/** Index permissions of a cross-cluster key for replication. */
export class ReplicationAccess {
  /**
   * Index names or patterns the entry applies to.
   */
  names: IndexName | IndexName[]
  /**
   * Let the patterns in `names` also match restricted (system) indices.
   * @server_default false
   */
  allow_restricted_indices?: boolean
}

/** Index permissions of a cross-cluster key for search. */
export class SearchAccess {
  /**
   * Which document fields are readable.
   * @ext_doc_id field-and-document-access-control
   */
  field_security?: FieldSecurity
  /**
   * Index names or patterns the entry applies to.
   */
  names: IndexName | IndexName[]
  /**
   * Document-level security: only documents matching this query are visible.
   */
  query?: IndicesPrivilegesQuery
  /**
   * Let the patterns in `names` also match restricted (system) indices. Restricted
   * indices listed by exact name are always covered, whatever this value.
   * @server_default false
   * @availability stack
   */
  allow_restricted_indices?: boolean
}
