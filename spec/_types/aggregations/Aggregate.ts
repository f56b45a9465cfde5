/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { CompositeAggregateKey } from '@_types/aggregations/bucket'
import { AggregateName, FieldValue, Metadata } from '@_types/common'
import { double, long } from '@_types/Numeric'
import { AdditionalProperties } from '@spec_utils/behaviors'
import { Dictionary } from '@spec_utils/Dictionary'
import { Void } from '@spec_utils/VoidValue'

/**
 * The result of one aggregation. With `typed_keys`, its key in the response reads
 * `<variant>#<name>`, which tells which member applies.
 *
 * This spec lists only the result kinds reachable from the endpoints it covers; the union
 * is open, so results of other kinds are kept as raw JSON.
 * @variants typed_keys_quirk
 * @non_exhaustive
 * @ext_doc_id search-aggregations
 */
export type Aggregate =
  | CardinalityAggregate
  | ValueCountAggregate
  | StringTermsAggregate
  | LongTermsAggregate
  | DoubleTermsAggregate
  | UnmappedTermsAggregate
  | MultiTermsAggregate
  | MissingAggregate
  | FilterAggregate
  | RangeAggregate
  | DateRangeAggregate
  | FiltersAggregate
  | CompositeAggregate

/** Properties common to every aggregation result. */
export class AggregateBase {
  meta?: Metadata
}

/**
 * The buckets of a result: a list, or an object keyed by bucket key when the request
 * asked for keyed output.
 * @codegen_names keyed, array
 */
// Some aggregations can never be keyed; the union is used everywhere anyway so that
// adding key support later does not change the model.
export type Buckets<TBucket> = Dictionary<string, TBucket> | Array<TBucket>

/** Properties of results made of several buckets. */
export class MultiBucketAggregateBase<TBucket> extends AggregateBase {
  buckets: Buckets<TBucket>
}

/**
 * Properties common to buckets. Results of sub-aggregations appear as extra keys.
 *
 * @behavior_meta AdditionalProperties fieldname=aggregations description="Sub-aggregation results"
 */
export class MultiBucketBase
  implements AdditionalProperties<AggregateName, Aggregate>
{
  doc_count: long
}

/**
 * Properties of results made of a single bucket. Results of sub-aggregations appear as
 * extra keys.
 *
 * @behavior_meta AdditionalProperties fieldname=aggregations description="Sub-aggregation results"
 */
export class SingleBucketAggregateBase
  extends AggregateBase
  implements AdditionalProperties<AggregateName, Aggregate>
{
  doc_count: long
}

/** Properties of results made of a single number. */
export class SingleMetricAggregateBase extends AggregateBase {
  /**
   * The computed number. `null` usually means there was nothing to aggregate.
   */
  value: double | null
  value_as_string?: string
}

/** Properties common to the results of `terms`-like aggregations. */
export class TermsAggregateBase<
  TBucket
> extends MultiBucketAggregateBase<TBucket> {
  doc_count_error_upper_bound?: long
  sum_other_doc_count?: long
}

/** Properties common to the buckets of `terms` aggregations. */
export class TermsBucketBase extends MultiBucketBase {
  doc_count_error_upper_bound?: long
}

/**
 * Result of a `range` aggregation.
 * @variant name=range
 */
export class RangeAggregate extends MultiBucketAggregateBase<RangeBucket> {}

/**
 * Result of a `cardinality` aggregation.
 * @variant name=cardinality
 */
export class CardinalityAggregate extends AggregateBase {
  value: long
}

/**
 * Result of a `composite` aggregation.
 * @variant name=composite
 */
// Never keyed.
export class CompositeAggregate extends MultiBucketAggregateBase<CompositeBucket> {
  // Same shape as CompositeAggregation.after and CompositeBucket.key.
  after_key?: CompositeAggregateKey
}

/** A bucket of a `composite` aggregation. */
export class CompositeBucket extends MultiBucketBase {
  key: CompositeAggregateKey
}

/**
 * Result of a `date_range` aggregation. It has the shape of a `range` result: bucket
 * bounds are epoch milliseconds as floating point numbers.
 * @variant name=date_range
 */
export class DateRangeAggregate extends RangeAggregate {}

/**
 * Result of a `terms` aggregation over floating point values.
 * @variant name=dterms
 */
// Server class: DoubleTerms.
export class DoubleTermsAggregate extends TermsAggregateBase<DoubleTermsBucket> {}

/** A bucket of a `terms` aggregation over floating point values. */
export class DoubleTermsBucket extends TermsBucketBase {
  key: double
  key_as_string?: string
}

/**
 * Result of a `filter` aggregation.
 * @variant name=filter
 */
export class FilterAggregate extends SingleBucketAggregateBase {}

/**
 * Result of a `filters` aggregation.
 * @variant name=filters
 */
export class FiltersAggregate extends MultiBucketAggregateBase<FiltersBucket> {}

/** A bucket of a `filters` aggregation. */
export class FiltersBucket extends MultiBucketBase {
  key?: string
}

/**
 * Result of a `terms` aggregation over whole numbers (integers, longs, dates).
 * @variant name=lterms
 */
// Server class: LongTerms.
export class LongTermsAggregate extends TermsAggregateBase<LongTermsBucket> {}

/** A bucket of a `terms` aggregation over whole numbers. */
export class LongTermsBucket extends TermsBucketBase {
  key: long
  key_as_string?: string
}

/**
 * Result of a `missing` aggregation.
 * @variant name=missing
 */
export class MissingAggregate extends SingleBucketAggregateBase {}

/**
 * Result of a `multi_terms` aggregation.
 * @variant name=multi_terms
 */
// Never keyed.
export class MultiTermsAggregate extends TermsAggregateBase<MultiTermsBucket> {}

/** A bucket of a `multi_terms` aggregation. */
export class MultiTermsBucket extends MultiBucketBase {
  key: Array<FieldValue>
  key_as_string?: string
  doc_count_error_upper_bound?: long
}

/** A bucket of a `range` or `date_range` aggregation. */
export class RangeBucket extends MultiBucketBase {
  from?: double
  to?: double
  from_as_string?: string
  to_as_string?: string
  /** Bucket key; only sent when the output is not keyed. */
  key?: string
}

/**
 * Result of a `terms` aggregation over strings.
 * @variant name=sterms
 */
// Server class: StringTerms.
export class StringTermsAggregate extends TermsAggregateBase<StringTermsBucket> {}

/** A bucket of a `terms` aggregation over strings. */
export class StringTermsBucket extends TermsBucketBase {
  key: FieldValue
}

/**
 * Result of a `terms` aggregation on a field that is not mapped; `buckets` is always empty.
 * @variant name=umterms
 */
// Server class: UnmappedTerms. The bucket list is always empty, hence `Void`.
export class UnmappedTermsAggregate extends TermsAggregateBase<Void> {}

/**
 * Result of a `value_count` aggregation; `value` is always set.
 * @variant name=value_count
 */
export class ValueCountAggregate extends SingleMetricAggregateBase {}
