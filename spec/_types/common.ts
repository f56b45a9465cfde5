/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Dictionary } from '@spec_utils/Dictionary'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'
import { double, integer, long } from './Numeric'

/**
 * A single scalar value as found in a document field.
 * @codegen_names long, double, string, boolean, null
 */
// The scalar arms are spelled out so that generated code gives direct access to them.
export type FieldValue = long | double | string | boolean | null

/**
 * Key of an aggregation result. When `typed_keys` is requested the server sends it as
 * `<type>#<name>` rather than just `<name>`.
 */
export type AggregateName = string

/** A field name or dotted path; some APIs also accept wildcard patterns. */
export type Field = string

/** One field, or a list of fields. */
export type Fields = Field | Field[]

/**
 * Allowed edit distance for fuzzy matching: a number or a value such as `AUTO`.
 * @doc_id fuzziness
 */
export type Fuzziness = string | integer

/** An identifier. */
export type Id = string

/** One identifier, or a list of them (sent comma-separated in URLs). */
export type Ids = Id | Id[]

/** The name of an index. */
export type IndexName = string

/** Free-form key/value data attached to an object by the user. */
export type Metadata = Dictionary<string, UserDefinedValue>

/**
 * How many optional clauses must match: an absolute count, a percentage, or a combination.
 * @doc_id query-dsl-minimum-should-match
 */
export type MinimumShouldMatch = integer | string

/**
 * Name of the rewrite method used for multi-term queries.
 * @doc_id query-dsl-multi-term-rewrite
 */
export type MultiTermQueryRewrite = string

/** A name. */
export type Name = string

/** One name, or a list of names (sent comma-separated in URLs). */
export type Names = Name | Name[]

/** A password, sent in clear text over the (TLS) connection. */
export type Password = string

/**
 * Whether, and how, the write waits for the change to be visible to search.
 * @es_quirk Started life as a boolean: `true` and `false` travel as JSON booleans, `wait_for` as a string.
 */
export enum Refresh {
  true,
  false,
  wait_for
}

/** The name of a user. */
export type Username = string

/** Content types used for request and response bodies. */
export enum MediaType {
  Arrow = 'application/vnd.apache.arrow.stream',
  Cbor = 'application/cbor',
  Csv = 'text/csv',
  EventStream = 'text/event-stream',
  Json = 'application/json',
  MapboxVectorTile = 'application/vnd.mapbox-vector-tile',
  Ndjson = 'application/x-ndjson',
  Smile = 'application/x-jackson-smile',
  Text = 'text/plain',
  Yaml = 'application/x-yaml'
}
