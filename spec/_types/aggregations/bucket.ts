/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { ValueType } from '@_types/aggregations/metric'
import { Field, FieldValue } from '@_types/common'
import { GeoBounds } from '@_types/Geo'
import { double, integer, long } from '@_types/Numeric'
import { Script } from '@_types/Scripting'
import { SortOrder } from '@_types/sort'
import { DateMath, Duration, DurationLarge, TimeZone } from '@_types/Time'
import { Dictionary, SingleKeyDictionary } from '@spec_utils/Dictionary'
import { Aggregation } from './Aggregation'
import { Missing, MissingOrder } from './AggregationContainer'

/**
 * Bucket ordering: one `{key: direction}` object or a list of them.
 */
// The server is lax here: in an object with several keys only the last key is kept,
// so a multi-key object behaves like a one-element list.
export type AggregateOrder =
  | SingleKeyDictionary<Field, SortOrder>
  | SingleKeyDictionary<Field, SortOrder>[]

/** One range of a `range` aggregation. */
export class AggregationRange {
  /**
   * Lower bound, included.
   */
  from?: double | null
  /**
   * Key under which the bucket is returned.
   */
  key?: string
  /**
   * Upper bound, excluded.
   */
  to?: double | null
}

/**
 * Parent of the aggregations that produce buckets and may therefore have sub-aggregations.
 */
// Kept empty on purpose: generators may move the container's `aggregations` property here.
export class BucketAggregationBase extends Aggregation {}

/** Key of a composite bucket: one value per source. */
export type CompositeAggregateKey = Dictionary<Field, FieldValue>

/**
 * Options of a `composite` aggregation, which builds buckets from combinations of source
 * values and can be paged through.
 */
export class CompositeAggregation extends BucketAggregationBase {
  // Same shape as CompositeAggregate.after_key.
  /**
   * Resume after this key (the `after_key` of the previous page).
   */
  after?: CompositeAggregateKey
  /**
   * How many buckets to return per page.
   * @server_default 10
   */
  size?: integer
  /**
   * The sources that make up the bucket key, in key order.
   */
  sources?: Array<SingleKeyDictionary<string, CompositeAggregationSource>>
}

/** Options common to all composite sources. */
export class CompositeAggregationBase {
  /** Field to read values from; this or `script` is required. */
  field?: Field
  missing_bucket?: boolean
  missing_order?: MissingOrder
  /** Script producing the values; this or `field` is required. */
  script?: Script
  value_type?: ValueType
  order?: SortOrder
}

/**
 * One source of a composite aggregation.
 * @variants container
 */
export class CompositeAggregationSource {
  /**
   * Bucket by distinct values.
   */
  terms?: CompositeTermsAggregation
  /**
   * Bucket numeric values by fixed-size intervals.
   */
  histogram?: CompositeHistogramAggregation
  /**
   * Bucket dates by calendar or fixed intervals.
   */
  date_histogram?: CompositeDateHistogramAggregation
  /**
   * Bucket geo points by map tile.
   */
  geotile_grid?: CompositeGeoTileGridAggregation
}

/** A `date_histogram` source of a composite aggregation. */
export class CompositeDateHistogramAggregation extends CompositeAggregationBase {
  format?: string
  /** Calendar-aware interval; this or `fixed_interval` is required. */
  calendar_interval?: DurationLarge
  /** Fixed interval; this or `calendar_interval` is required. */
  fixed_interval?: DurationLarge
  offset?: Duration
  time_zone?: TimeZone
}

/** A `geotile_grid` source of a composite aggregation. */
export class CompositeGeoTileGridAggregation extends CompositeAggregationBase {
  precision?: integer
  bounds?: GeoBounds
}

/** A `histogram` source of a composite aggregation. */
export class CompositeHistogramAggregation extends CompositeAggregationBase {
  interval: double
}

/** A `terms` source of a composite aggregation. */
export class CompositeTermsAggregation extends CompositeAggregationBase {}

/** Options of a `date_range` aggregation. */
export class DateRangeAggregation extends BucketAggregationBase {
  /**
   * Date field to bucket on.
   */
  field?: Field
  /**
   * Format of the `from` and `to` strings in the response.
   */
  format?: string
  /**
   * Value to use for documents that lack the field; without it they are skipped.
   */
  missing?: Missing
  /**
   * The date ranges, one bucket each.
   */
  ranges?: DateRangeExpression[]
  /**
   * Zone in which the bounds are interpreted before conversion to UTC.
   */
  time_zone?: TimeZone
  /**
   * Return buckets as an object keyed by range key instead of as a list.
   */
  keyed?: boolean
}

/** One range of a `date_range` aggregation. */
export class DateRangeExpression {
  /**
   * Lower bound, included.
   */
  from?: FieldDateMath
  /**
   * Key under which the bucket is returned.
   */
  key?: string
  /**
   * Upper bound, excluded.
   */
  to?: FieldDateMath
}

/**
 * A date bound: a date math expression, or a number in the field's own resolution.
 * @codegen_names expr, value
 */
// See the server's DateRangeAggregationBuilder.
export type FieldDateMath = DateMath | long

/** Options of a `missing` aggregation (one bucket of documents without a value). */
export class MissingAggregation extends BucketAggregationBase {
  /**
   * Field checked for a value.
   */
  field?: Field
  missing?: Missing
}

/** Options of a `range` aggregation. */
export class RangeAggregation extends BucketAggregationBase {
  /**
   * Field to bucket on.
   */
  field?: Field
  /**
   * Value to use for documents that lack the field; without it they are skipped.
   */
  missing?: integer
  /**
   * The ranges, one bucket each.
   */
  ranges?: AggregationRange[]
  script?: Script
  /**
   * Return buckets as an object keyed by range key instead of as a list.
   */
  keyed?: boolean
  format?: string
}

/**
 * Options of a `terms` aggregation, which makes one bucket per distinct value.
 */
export class TermsAggregation extends BucketAggregationBase {
  /**
   * Whether sub-aggregations are computed depth-first or breadth-first.
   */
  collect_mode?: TermsAggregationCollectMode
  /**
   * Values to leave out: a regular expression, a list, or a partition.
   */
  exclude?: TermsExclude
  /**
   * Whether to work on field values directly or through global ordinals.
   */
  execution_hint?: TermsAggregationExecutionHint
  /**
   * Field whose distinct values become buckets.
   */
  field?: Field
  /**
   * Values to keep: a regular expression, a list, or a partition.
   */
  include?: TermsInclude
  /**
   * Skip terms that occur in fewer documents than this.
   * @server_default 1
   */
  min_doc_count?: integer
  /**
   * Value to use for documents that lack the field; without it they are skipped.
   */
  missing?: Missing
  missing_order?: MissingOrder
  missing_bucket?: boolean
  /**
   * Type to assume for the field where it is not mapped.
   */
  value_type?: string
  /**
   * Bucket order; by default, descending document count.
   */
  order?: AggregateOrder
  script?: Script
  /**
   * Per-shard minimum document count a term needs to be sent to the coordinating node.
   */
  shard_min_doc_count?: long
  /**
   * How many terms each shard returns; estimated from `size` when omitted.
   */
  shard_size?: integer
  /**
   * Report `doc_count_error_upper_bound`, the worst-case error of each bucket's count.
   */
  show_term_doc_count_error?: boolean
  /**
   * How many buckets to return.
   * @server_default 10
   */
  size?: integer
  format?: string
}

/** Order in which a `terms` aggregation builds its sub-aggregations. */
export enum TermsAggregationCollectMode {
  /**
   * Build the whole tree in one pass, then prune.
   */
  depth_first,
  /**
   * Prune the top level first, then compute children for the kept buckets only.
   */
  breadth_first
}

/** Value-collection strategies for a `terms` aggregation. */
export enum TermsAggregationExecutionHint {
  map,
  global_ordinals,
  global_ordinals_hash,
  global_ordinals_low_cardinality
}

/**
 * Terms to exclude: a regular expression or an explicit list.
 * @codegen_names regexp, terms
 */
export type TermsExclude = string | string[]

/**
 * Terms to include: a regular expression, an explicit list, or one partition of all terms.
 * @codegen_names regexp, terms, partition
 */
export type TermsInclude = string | string[] | TermsPartition

/** Selects one of several equal slices of the terms, for paging through many of them. */
export class TermsPartition {
  /**
   * How many slices the terms are split into.
   */
  num_partitions: long
  /**
   * Which slice to return.
   */
  partition: long
}
