/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Missing } from '@_types/aggregations/AggregationContainer'
import { Field, FieldValue } from '@_types/common'
import { DistanceUnit, GeoDistanceType, GeoLocation } from '@_types/Geo'
import { FieldType } from '@_types/mapping/Property'
import { integer } from '@_types/Numeric'
import { QueryContainer } from '@_types/query_dsl/abstractions'
import { Script } from '@_types/Scripting'
import { AdditionalProperty } from '@spec_utils/behaviors'

/** Sorting on a field that lives inside nested objects. */
export class NestedSortValue {
  /** Only nested objects matching this query are considered. */
  filter?: QueryContainer
  /** Upper bound on nested children examined per root document. */
  max_children?: integer
  /** Deeper nesting level, for objects nested inside nested objects. */
  nested?: NestedSortValue
  /** Path of the nested object that holds the sort field. */
  path: Field
}

/** Numeric type to which a field's values are converted before sorting. */
export enum FieldSortNumericType {
  long,
  double,
  date,
  date_nanos
}

/**
 * Options for sorting on one field.
 * @shortcut_property order
 */
export class FieldSort {
  /** Where documents without a value go, or the value to use for them. */
  missing?: Missing
  /** Which value to use when a field holds several. */
  mode?: SortMode
  /** Settings for sorting on a nested field. */
  nested?: NestedSortValue
  /** Sort direction. */
  order?: SortOrder
  /** Type to assume for indices where the field is not mapped. */
  unmapped_type?: FieldType
  /** Convert values to this numeric type before comparing. */
  numeric_type?: FieldSortNumericType
  /** Date format for the sort values returned with each hit. */
  format?: string
}

/** Sorting on the relevance score or on index order. */
export class ScoreSort {
  order?: SortOrder
}

/**
 * Sorting by distance from one or more points. The point(s) are given under an extra key
 * named after the geo field.
 * @behavior_meta AdditionalProperty value=location key=field
 */
export class GeoDistanceSort
  implements AdditionalProperty<Field, GeoLocation | GeoLocation[]>
{
  mode?: SortMode
  distance_type?: GeoDistanceType
  ignore_unmapped?: boolean
  order?: SortOrder
  unit?: DistanceUnit
  nested?: NestedSortValue
}

/** Sorting on a value computed by a script. */
export class ScriptSort {
  order?: SortOrder
  script: Script
  type?: ScriptSortType
  mode?: SortMode
  nested?: NestedSortValue
}

/** Type of the values a sort script returns. */
export enum ScriptSortType {
  string,
  number,
  version
}

/**
 * One sort criterion: a special key (`_score`, `_doc`, `_geo_distance`, `_script`) or a
 * field name mapped to its sort options.
 * @doc_id sort-search-results
 * @variants container
 * @behavior_meta AdditionalProperty key=field value=sort
 */
export class SortOptions implements AdditionalProperty<Field, FieldSort> {
  _score?: ScoreSort
  _doc?: ScoreSort
  _geo_distance?: GeoDistanceSort
  _script?: ScriptSort
}

/**
 * A sort criterion: a bare field name or a full options object.
 * @codegen_names field, options
 */
// A bare field name stands for `{"<field>": {}}`; the default order is ascending, except for `_score`.
export type SortCombinations = Field | SortOptions

/** One sort criterion or an ordered list of them. */
export type Sort = SortCombinations | SortCombinations[]

/** The sort values of a hit, usable as `search_after` to fetch the next page. */
export type SortResults = FieldValue[]

/**
 * How a multi-valued field is reduced to one value for sorting.
 */
export enum SortMode {
  min,
  max,
  sum,
  avg,
  median
}

/** Sort direction. */
export enum SortOrder {
  /**
   * Smallest value first.
   */
  asc,
  /**
   * Largest value first.
   */
  desc
}
