/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { MinimumShouldMatch } from '@_types/common'
import { QueryBase, QueryContainer } from './abstractions'

/**
 * Combines other queries. Each clause takes one query or a list of queries.
 * @ext_doc_id query-dsl-bool-query
 */
export class BoolQuery extends QueryBase {
  /**
   * Queries documents must match; they do not contribute to the score.
   */
  filter?: QueryContainer | QueryContainer[]
  /**
   * How many of the `should` clauses a document has to match (a count or a percentage).
   * @doc_id query-dsl-minimum-should-match
   */
  minimum_should_match?: MinimumShouldMatch
  /**
   * Queries documents must match; they contribute to the score.
   */
  must?: QueryContainer | QueryContainer[]
  /**
   * Queries documents must not match. They run in filter context, without scoring.
   */
  must_not?: QueryContainer | QueryContainer[]
  /**
   * Queries documents should match; each match raises the score.
   */
  should?: QueryContainer | QueryContainer[]
}
