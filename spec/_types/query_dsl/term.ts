/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import {
  Field,
  FieldValue,
  Id,
  Ids,
  IndexName,
  MultiTermQueryRewrite
} from '@_types/common'
import { double, long } from '@_types/Numeric'
import { DateFormat, DateMath, TimeZone } from '@_types/Time'
import { AdditionalProperty } from '@spec_utils/behaviors'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'
import { QueryBase } from './abstractions'

/** Bounds and options shared by every kind of `range` query. */
export class RangeQueryBase<T> extends QueryBase {
  /**
   * For range fields: how the stored range must relate to the query range.
   * @server_default intersects
   */
  relation?: RangeRelation
  /**
   * Exclusive lower bound.
   */
  gt?: T
  /**
   * Inclusive lower bound.
   */
  gte?: T
  /**
   * Exclusive upper bound.
   */
  lt?: T
  /**
   * Inclusive upper bound.
   */
  lte?: T
}

/** A `range` query on a date field; bounds are dates or date math. */
export class DateRangeQuery extends RangeQueryBase<DateMath> {
  /**
   * Format used to parse the date bounds.
   */
  format?: DateFormat
  /**
   * UTC offset or IANA zone in which the date bounds are interpreted.
   */
  time_zone?: TimeZone
}

/**
 * Matches documents that have a value for a field.
 * @ext_doc_id query-dsl-exists-query
 */
export class ExistsQuery extends QueryBase {
  /**
   * The field that must have a value.
   */
  field: Field
}

/**
 * Matches documents by `_id`.
 * @ext_doc_id query-dsl-ids-query
 */
export class IdsQuery extends QueryBase {
  /**
   * The document IDs to match.
   */
  values?: Ids
}

/** A `range` query with 64-bit integer bounds. */
export class LongNumberRangeQuery extends RangeQueryBase<long> {}

/** A `range` query with floating point bounds. */
export class NumberRangeQuery extends RangeQueryBase<double> {}

/**
 * Options of a `prefix` query on one field. The short form gives just the prefix.
 * @shortcut_property value
 * @ext_doc_id query-dsl-prefix-query
 */
export class PrefixQuery extends QueryBase {
  /**
   * Rewrite method for the expanded terms.
   * @doc_id query-dsl-multi-term-rewrite
   */
  rewrite?: MultiTermQueryRewrite
  /**
   * The characters matching terms must start with.
   */
  value: string
  /**
   * Ignore letter case when comparing. When `false`, the field's mapping decides.
   * @server_default false
   * @availability stack since=7.10.0
   * @availability serverless
   */
  case_insensitive?: boolean
}

/**
 * Options of a `range` query on one field. The kind of bounds is not tagged in the JSON:
 * it follows from the values, and anything unrecognised is read as `UntypedRangeQuery`.
 * @codegen_names untyped, date, number, long_number, term
 * @variants untagged untyped=_types.query_dsl.UntypedRangeQuery
 * @ext_doc_id query-dsl-range-query
 */
// The arm is picked by looking at the value types.
export type RangeQuery =
  | UntypedRangeQuery
  | DateRangeQuery
  | NumberRangeQuery
  | LongNumberRangeQuery
  | TermRangeQuery

/** Relation required between an indexed range and the query range. */
export enum RangeRelation {
  /**
   * The indexed range lies completely inside the query range.
   */
  within,
  /**
   * The indexed range completely covers the query range.
   */
  contains,
  /**
   * The two ranges overlap at least partly.
   */
  intersects
}

/**
 * Options of a `term` query on one field. The short form gives just the value.
 * @shortcut_property value
 * @ext_doc_id query-dsl-term-query
 */
export class TermQuery extends QueryBase {
  /**
   * The exact value to look for.
   */
  value: FieldValue
  /**
   * Ignore letter case when comparing. When `false`, the field's mapping decides.
   * @availability stack since=7.10.0
   * @availability serverless
   * @server_default false
   */
  case_insensitive?: boolean
}

/** A `range` query with string bounds, compared as terms. */
export class TermRangeQuery extends RangeQueryBase<string> {}

/**
 * A `terms` query: besides `boost` and `_name`, exactly one extra key names the field and
 * holds the values (or a lookup of them).
 * @behavior_meta AdditionalProperty key=field value=terms
 * @ext_doc_id query-dsl-terms-query
 */
export class TermsQuery
  extends QueryBase
  implements AdditionalProperty<Field, TermsQueryField> {}

/**
 * The values of a `terms` query: a literal list, or a reference to a document holding them.
 * @codegen_names value, lookup
 */
export type TermsQueryField = FieldValue[] | TermsLookup

/** Fetches the values of a `terms` query from a field of another document. */
export class TermsLookup {
  /** Index of the document. */
  index: IndexName
  /** ID of the document. */
  id: Id
  /** Field of the document that holds the values. */
  path: Field
  /** Custom routing value of the document. */
  routing?: string
}

/** A `range` query whose bound type could not be determined; bounds are kept as raw JSON. */
export class UntypedRangeQuery extends RangeQueryBase<UserDefinedValue> {
  /**
   * Format used to parse date bounds.
   */
  format?: DateFormat
  /**
   * UTC offset or IANA zone in which date bounds are interpreted.
   */
  time_zone?: TimeZone
}

/**
 * Options of a `wildcard` query on one field. The short form gives just the pattern.
 * @shortcut_property value
 * @ext_doc_id query-dsl-wildcard-query
 */
export class WildcardQuery extends QueryBase {
  /**
   * Ignore letter case when comparing. Defaults to `false`, in which case the field's mapping decides.
   * @availability stack since=7.10.0
   * @availability serverless
   */
  case_insensitive?: boolean
  /**
   * Rewrite method for the expanded terms.
   * @doc_id query-dsl-multi-term-rewrite
   */
  rewrite?: MultiTermQueryRewrite
  /** The pattern, using `*` and `?`. Either this or `wildcard` is needed. */
  value?: string
  /** The pattern, using `*` and `?`. Either this or `value` is needed. */
  wildcard?: string
}
