/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import {
  Field,
  Fuzziness,
  MinimumShouldMatch,
  MultiTermQueryRewrite
} from '@_types/common'
import { double, float, integer } from '@_types/Numeric'
import { PipeSeparatedFlags } from '@spec_utils/PipeSeparatedFlags'
import { QueryBase } from './abstractions'
import { Operator } from './Operator'

/**
 * Options of a `match` query on one field. The short form gives just the text to search.
 * @shortcut_property query
 * @ext_doc_id query-dsl-match-query
 */
export class MatchQuery extends QueryBase {
  /**
   * Analyzer that splits `query` into tokens; defaults to the field's search analyzer.
   * @doc_id analysis
   */
  analyzer?: string
  /**
   * Build phrase queries automatically for synonyms made of several terms.
   * @server_default true
   */
  auto_generate_synonyms_phrase_query?: boolean
  /** @deprecated 7.3.0 */
  cutoff_frequency?: double
  /**
   * Edit distance tolerated when matching terms.
   * @doc_id fuzziness
   */
  fuzziness?: Fuzziness
  /**
   * Rewrite method for the fuzzy terms.
   * @doc_id query-dsl-multi-term-rewrite
   */
  fuzzy_rewrite?: MultiTermQueryRewrite
  /**
   * Count swapping two neighbouring characters as a single edit in fuzzy matching.
   * @server_default true
   */
  fuzzy_transpositions?: boolean
  /**
   * Ignore errors caused by a value of the wrong type, such as text against a numeric field.
   * @server_default false
   */
  lenient?: boolean
  /**
   * Upper bound on the terms a fuzzy match may expand to.
   * @server_default 50
   */
  max_expansions?: integer
  /**
   * How many of the query's terms a document must match.
   * @doc_id query-dsl-minimum-should-match
   */
  minimum_should_match?: MinimumShouldMatch
  /**
   * Whether all terms (`and`) or any term (`or`) must match.
   * @server_default 'or'
   */
  operator?: Operator
  /**
   * Leading characters that must match exactly in fuzzy matching.
   * @server_default 0
   */
  prefix_length?: integer
  /**
   * The text, number, boolean or date to look for.
   */
  // Kept inline as upstream does; a named alias would be nicer.
  query: string | float | boolean
  /**
   * What to return when analysis removes every token (for example only stop words).
   * @server_default 'none'
   */
  zero_terms_query?: ZeroTermsQuery
}

/** Operators that can be switched on in a `simple_query_string` query. */
export enum SimpleQueryStringFlag {
  /**
   * No operator at all.
   */
  NONE,
  /**
   * `+` for AND.
   */
  AND,
  /**
   * `-` for NOT.
   */
  NOT,
  /**
   * `\|` for OR.
   */
  OR,
  /**
   * `*` at the end of a term, for prefix matching.
   */
  PREFIX,
  /**
   * Double quotes around a phrase.
   */
  PHRASE,
  /**
   * Parentheses for grouping.
   */
  PRECEDENCE,
  /**
   * Backslash as escape character.
   */
  ESCAPE,
  /**
   * Whitespace splits terms.
   */
  WHITESPACE,
  /**
   * `~N` after a term: fuzzy match within edit distance `N`.
   */
  FUZZY,
  /**
   * `~N` after a phrase: allow `N` positions of slop. Same as `SLOP`.
   */
  NEAR,
  /**
   * `~N` after a phrase: allow `N` positions of slop. Same as `NEAR`.
   */
  SLOP,
  /**
   * Every optional operator.
   */
  ALL
}

/**
 * One flag, or several joined by `|`, for instance `AND|OR|PHRASE`.
 * @doc_id supported-flags
 */
export type SimpleQueryStringFlags = PipeSeparatedFlags<SimpleQueryStringFlag>

/**
 * A query written in the lenient simple query string syntax.
 * @ext_doc_id query-dsl-simple-query-string-query
 */
export class SimpleQueryStringQuery extends QueryBase {
  /**
   * Analyzer applied to the query text.
   * @doc_id analysis
   */
  analyzer?: string
  /**
   * Analyze terms that contain wildcards.
   * @server_default false
   */
  analyze_wildcard?: boolean
  /**
   * Build phrase queries automatically for synonyms made of several terms.
   * @server_default true
   */
  auto_generate_synonyms_phrase_query?: boolean
  /**
   * Operator used between terms when none is written.
   * @server_default 'or'
   */
  default_operator?: Operator
  /**
   * Fields to search; wildcards and `^` boosts (`title^3`) are allowed. When omitted, the
   * `index.query.default_field` setting applies, which itself defaults to `*`.
   */
  fields?: Field[]
  /**
   * Which operators of the syntax are enabled.
   * @server_default ALL
   */
  flags?: SimpleQueryStringFlags
  /**
   * Upper bound on the terms a fuzzy term may expand to.
   * @server_default 50
   */
  fuzzy_max_expansions?: integer
  /**
   * Leading characters that must match exactly in fuzzy terms.
   * @server_default 0
   */
  fuzzy_prefix_length?: integer
  /**
   * Count swapping two neighbouring characters as a single edit in fuzzy matching.
   */
  fuzzy_transpositions?: boolean
  /**
   * Ignore errors caused by a value of the wrong type for a field.
   * @server_default false
   */
  lenient?: boolean
  /**
   * How many of the optional clauses a document must match.
   * @doc_id query-dsl-minimum-should-match
   */
  minimum_should_match?: MinimumShouldMatch
  /**
   * The query text.
   */
  query: string
  /**
   * Suffix added to field names for the parts of the query written in quotes.
   */
  quote_field_suffix?: string
}

/** Result of a `match` query whose text is reduced to no tokens by analysis. */
export enum ZeroTermsQuery {
  /**
   * Match every document.
   */
  all,
  /**
   * Match no document.
   */
  none
}
