/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import {
  Buckets,
  CardinalityAggregate,
  CompositeAggregate,
  DateRangeAggregate,
  DoubleTermsAggregate,
  FilterAggregate,
  FiltersAggregate,
  LongTermsAggregate,
  MissingAggregate,
  MultiTermsAggregate,
  RangeAggregate,
  StringTermsAggregate,
  UnmappedTermsAggregate,
  ValueCountAggregate
} from '@_types/aggregations/Aggregate'
import {
  BucketAggregationBase,
  CompositeAggregation,
  DateRangeAggregation,
  MissingAggregation,
  RangeAggregation,
  TermsAggregation
} from '@_types/aggregations/bucket'
import {
  CardinalityAggregation,
  ValueCountAggregation
} from '@_types/aggregations/metric'
import { Field, Metadata, MinimumShouldMatch } from '@_types/common'
import { QueryBase } from '@_types/query_dsl/abstractions'
import { MatchQuery, SimpleQueryStringQuery } from '@_types/query_dsl/fulltext'
import { MatchAllQuery } from '@_types/query_dsl/MatchAllQuery'
import {
  ExistsQuery,
  IdsQuery,
  PrefixQuery,
  RangeQuery,
  TermQuery,
  TermsQuery,
  WildcardQuery
} from '@_types/query_dsl/term'
import { Dictionary, SingleKeyDictionary } from '@spec_utils/Dictionary'

/**
 * An aggregation accepted by the query API keys API: one aggregation kind, plus optional
 * sub-aggregations and metadata.
 * @variants container
 * @non_exhaustive
 */
export class ApiKeyAggregationContainer {
  /**
   * Sub-aggregations, computed inside each bucket; bucket aggregations only.
   * @variant container_property
   * @aliases aggs
   */
  aggregations?: Dictionary<string, ApiKeyAggregationContainer>
  /**
   * @variant container_property
   */
  meta?: Metadata
  /**
   * Approximate number of distinct values.
   * @doc_id search-aggregations-metrics-cardinality-aggregation
   */
  cardinality?: CardinalityAggregation
  /**
   * Buckets keyed by combinations of several sources, which can be paged through, including
   * every bucket of a multi-level aggregation.
   */
  composite?: CompositeAggregation
  /**
   * One bucket per date range.
   * @doc_id search-aggregations-bucket-daterange-aggregation
   */
  date_range?: DateRangeAggregation
  /**
   * A single bucket of the keys matching a query.
   * @doc_id search-aggregations-bucket-filter-aggregation
   */
  filter?: ApiKeyQueryContainer
  /**
   * One bucket per query, holding the keys that match it.
   * @doc_id search-aggregations-bucket-filters-aggregation
   */
  filters?: ApiKeyFiltersAggregation
  missing?: MissingAggregation
  /**
   * One bucket per numeric range.
   * @doc_id search-aggregations-bucket-range-aggregation
   */
  range?: RangeAggregation
  /**
   * One bucket per distinct value.
   * @doc_id search-aggregations-bucket-terms-aggregation
   */
  terms?: TermsAggregation
  /**
   * Number of values found.
   * @doc_id search-aggregations-metrics-valuecount-aggregation
   */
  value_count?: ValueCountAggregation
}

/**
 * An aggregation result of the query API keys API.
 * @variants typed_keys_quirk
 * @non_exhaustive
 */
export type ApiKeyAggregate =
  | CardinalityAggregate
  | ValueCountAggregate
  | StringTermsAggregate
  | LongTermsAggregate
  | DoubleTermsAggregate
  | UnmappedTermsAggregate
  | MultiTermsAggregate
  | MissingAggregate
  | FilterAggregate
  | FiltersAggregate
  | RangeAggregate
  | DateRangeAggregate
  | CompositeAggregate

/**
 * A query accepted by the query API keys API: the subset of the query DSL that this API
 * supports, on API key fields.
 * @variants container
 * @non_exhaustive
 */
export class ApiKeyQueryContainer {
  /**
   * Combines other API key queries with boolean clauses.
   * @doc_id query-dsl-bool-query
   */
  bool?: ApiKeyBoolQuery
  /**
   * Matches keys that have a value for the field.
   * @doc_id query-dsl-exists-query
   */
  exists?: ExistsQuery
  /**
   * Matches keys by document `_id`.
   * @doc_id query-dsl-ids-query
   */
  ids?: IdsQuery
  /**
   * Matches keys whose field matches the (analyzed) input.
   * @doc_id query-dsl-match-query
   */
  match?: SingleKeyDictionary<Field, MatchQuery>
  /**
   * Matches every key.
   * @doc_id query-dsl-match-all-query
   */
  match_all?: MatchAllQuery
  /**
   * Matches keys whose field starts with the given characters.
   * @doc_id query-dsl-prefix-query
   */
  prefix?: SingleKeyDictionary<Field, PrefixQuery>
  /**
   * Matches keys whose field value lies between the given bounds.
   * @doc_id query-dsl-range-query
   */
  range?: SingleKeyDictionary<Field, RangeQuery>
  /**
   * Matches keys using the lenient simple query string syntax.
   * @doc_id query-dsl-simple-query-string-query
   */
  simple_query_string?: SimpleQueryStringQuery
  /**
   * Matches keys whose field holds exactly this value (case and whitespace included).
   * @doc_id query-dsl-term-query
   */
  term?: SingleKeyDictionary<Field, TermQuery>
  /**
   * Matches keys whose field holds exactly one of these values (case and whitespace included).
   * @doc_id query-dsl-terms-query
   */
  terms?: TermsQuery
  /**
   * Matches keys whose field fits a pattern with `*` and `?` wildcards.
   * @doc_id query-dsl-wildcard-query
   */
  wildcard?: SingleKeyDictionary<Field, WildcardQuery>
}

/**
 * A `bool` query inside an API key query. It has the options of the general `bool` query,
 * but its clauses only accept API key queries, so they nest.
 * @ext_doc_id query-dsl-bool-query
 */
export class ApiKeyBoolQuery extends QueryBase {
  /**
   * Queries keys must match; they do not contribute to the score.
   */
  filter?: ApiKeyQueryContainer | ApiKeyQueryContainer[]
  /**
   * How many of the `should` clauses a key has to match (a count or a percentage).
   * @doc_id query-dsl-minimum-should-match
   */
  minimum_should_match?: MinimumShouldMatch
  /**
   * Queries keys must match; they contribute to the score.
   */
  must?: ApiKeyQueryContainer | ApiKeyQueryContainer[]
  /**
   * Queries keys must not match.
   */
  must_not?: ApiKeyQueryContainer | ApiKeyQueryContainer[]
  /**
   * Queries keys should match; each match raises the score.
   */
  should?: ApiKeyQueryContainer | ApiKeyQueryContainer[]
}

/** Options of a `filters` aggregation in the query API keys API. */
export class ApiKeyFiltersAggregation extends BucketAggregationBase {
  /**
   * The queries, one bucket each: a list, or an object that names each bucket.
   */
  filters?: Buckets<ApiKeyQueryContainer>
  /**
   * Add a bucket for the keys that match none of the queries.
   */
  other_bucket?: boolean
  /**
   * Key of that extra bucket.
   * @server_default _other_
   */
  other_bucket_key?: string
  /**
   * Return buckets as an object keyed by name (`true`) or as a list (`false`).
   * @server_default true
   */
  keyed?: boolean
}
