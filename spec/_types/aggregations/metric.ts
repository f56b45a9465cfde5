/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Field } from '@_types/common'
import { integer } from '@_types/Numeric'
import { Script } from '@_types/Scripting'
import { Missing } from './AggregationContainer'

/** Source of the values a metric aggregation works on: a field or a script. */
export class MetricAggregationBase {
  /**
   * Field whose values are aggregated.
   */
  field?: Field
  /**
   * Value to use for documents that lack the field; without it such documents are skipped.
   */
  missing?: Missing
  script?: Script
}

/** A metric aggregation whose output value can be formatted. */
export class FormattableMetricAggregation extends MetricAggregationBase {
  format?: string
}

/** Options of a `cardinality` aggregation (approximate distinct count). */
export class CardinalityAggregation extends MetricAggregationBase {
  /**
   * Below this many distinct values the count is expected to be almost exact; higher values
   * cost more memory.
   * @server_default 3000
   */
  precision_threshold?: integer
  rehash?: boolean
  /**
   * Strategy used to compute the count.
   */
  execution_hint?: CardinalityExecutionMode
}

/** Strategies for computing a `cardinality` aggregation. */
export enum CardinalityExecutionMode {
  /**
   * Collect global ordinals per shard, then resolve them to values.
   */
  global_ordinals,
  /**
   * Collect segment ordinals, resolving them to values after each segment.
   */
  segment_ordinals,
  /**
   * Hash the field values themselves.
   */
  direct,
  /**
   * Let a heuristic choose, favouring memory (the default up to 8.3).
   */
  save_memory_heuristic,
  /**
   * Let a heuristic choose, favouring speed (the default from 8.4).
   */
  save_time_heuristic
}

/** Options of a `value_count` aggregation. */
export class ValueCountAggregation extends FormattableMetricAggregation {}

/** Type to assume for values of an unmapped field or of a script. */
export enum ValueType {
  string,
  long,
  double,
  number,
  date,
  date_nanos,
  ip,
  numeric,
  geo_point,
  boolean
}
