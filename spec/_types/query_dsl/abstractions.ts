/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Field } from '@_types/common'
import { float } from '@_types/Numeric'
import { SingleKeyDictionary } from '@spec_utils/Dictionary'
import { BoolQuery } from './compound'
import { MatchQuery, SimpleQueryStringQuery } from './fulltext'
import { MatchAllQuery } from './MatchAllQuery'
import {
  ExistsQuery,
  IdsQuery,
  PrefixQuery,
  RangeQuery,
  TermQuery,
  TermsQuery,
  WildcardQuery
} from './term'

/**
 * A query written in the Elasticsearch query DSL: an object with exactly one key, the
 * kind of query, holding that query's options.
 *
 * This spec declares only the query kinds used by the endpoints it covers. The container
 * is open: any other kind is accepted and kept as raw JSON.
 * @variants container
 * @non_exhaustive
 * @ext_doc_id query-dsl
 */
export class QueryContainer {
  /**
   * Combines other queries with `must`, `should`, `filter` and `must_not` clauses.
   * @ext_doc_id query-dsl-bool-query
   */
  bool?: BoolQuery
  /**
   * Matches documents in which the field has at least one indexed value.
   * @ext_doc_id query-dsl-exists-query
   */
  exists?: ExistsQuery
  /**
   * Matches documents whose `_id` is in the given list.
   * @ext_doc_id query-dsl-ids-query
   */
  ids?: IdsQuery
  /**
   * Full-text match on one field: the input is analyzed, then matched against the field.
   * @ext_doc_id query-dsl-match-query
   */
  match?: SingleKeyDictionary<Field, MatchQuery>
  /**
   * Matches every document, each with a score of 1.0.
   * @ext_doc_id query-dsl-match-all-query
   */
  match_all?: MatchAllQuery
  /**
   * Matches documents where the field has a term starting with the given characters.
   * @ext_doc_id query-dsl-prefix-query
   */
  prefix?: SingleKeyDictionary<Field, PrefixQuery>
  /**
   * Matches documents whose field value lies between the given bounds.
   * @ext_doc_id query-dsl-range-query
   */
  range?: SingleKeyDictionary<Field, RangeQuery>
  /**
   * Parses a small query language (`+`, `|`, `-`, quotes...) and never fails on bad syntax.
   * @ext_doc_id query-dsl-simple-query-string-query
   */
  simple_query_string?: SimpleQueryStringQuery
  /**
   * Matches documents holding exactly this term in the field; the input is not analyzed.
   * @ext_doc_id query-dsl-term-query
   */
  term?: SingleKeyDictionary<Field, TermQuery>
  /**
   * Matches documents holding any of several exact terms in the field.
   * @ext_doc_id query-dsl-terms-query
   */
  terms?: TermsQuery
  /**
   * Matches documents whose field has a term fitting a pattern with `*` and `?` wildcards.
   * @ext_doc_id query-dsl-wildcard-query
   */
  wildcard?: SingleKeyDictionary<Field, WildcardQuery>
}

/** Options shared by all queries. */
export class QueryBase {
  /**
   * Multiplier applied to this query's relevance score. Values between 0 and 1 lower the
   * score, values above 1 raise it.
   * @server_default 1.0
   */
  boost?: float
  /**
   * A name for this query, reported in `matched_queries` for each hit it matched.
   * @codegen_name query_name
   */
  _name?: string
}
