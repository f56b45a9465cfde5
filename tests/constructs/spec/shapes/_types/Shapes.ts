/*
 * A test-only specification: one small type for each way the dialect tells the members of a
 * union apart. Not an Elasticsearch API. Licensed under the Apache License, Version 2.0.
 */

import { double, integer, long } from '@_types/Numeric'
import { AdditionalProperty } from '@spec_utils/behaviors'
import { Dictionary, SingleKeyDictionary } from '@spec_utils/Dictionary'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'

/** A value of every union encoding. */
export class Document {
  fields?: Dictionary<string, Field>
  lifecycle?: Lifecycle
  envelope?: Envelope
  filter?: Filter
  ordering?: Ordering[]
  bound?: Bound
  size?: Size
  color?: Color
  summaries?: Dictionary<string, Summary>
}

/**
 * A field: its `kind` names the variant, and a field without one is an object.
 * @variants internal tag='kind' default='object'
 * @non_exhaustive
 */
export type Field = TextField | NumberField | ObjectField | AliasField | RangeField

/** A member that is itself a union: its members are variants of `Field`, each with its tag. */
export type RangeField = IntegerRangeField | DateRangeField

export class IntegerRangeField extends FieldBase {
  kind: 'integer_range'
}

export class DateRangeField extends FieldBase {
  kind: 'date_range'
  format?: string
}

export class FieldBase {
  stored?: boolean
}

export class TextField extends FieldBase {
  kind: 'text'
  analyzer?: string
}

export class NumberField extends FieldBase {
  kind: 'number'
  coerce?: boolean
}

export class ObjectField extends FieldBase {
  kind: 'object'
  fields?: Dictionary<string, Field>
}

/** Takes its tag from its base class. */
export class AliasBase {
  kind: 'alias'
}

export class AliasField extends AliasBase {
  target: string
}

/**
 * Tagged by a boolean.
 * @variants internal tag='managed'
 */
export type Lifecycle = ManagedLifecycle | UnmanagedLifecycle

export class ManagedLifecycle {
  managed: true
  policy: string
}

export class UnmanagedLifecycle {
  managed: false
  reason?: string
}

/**
 * Tagged by a number.
 * @variants internal tag='version'
 */
export type Envelope = EnvelopeOne | EnvelopeTwo

export class EnvelopeOne {
  version: 1
  payload: string
}

export class EnvelopeTwo {
  version: 2
  payload: string[]
}

/**
 * A filter: exactly one key names the variant; `label` may stand beside it.
 * @variants container
 * @non_exhaustive
 */
export class Filter {
  /** @variant container_property */
  label?: string
  match?: SingleKeyDictionary<string, MatchFilter>
  everything?: EverythingFilter
  /** @aliases any_of */
  either?: Filter[]
}

/**
 * Matches text; `{"match": {"title": "x"}}` is short for `{"match": {"title": {"query": "x"}}}`.
 * @shortcut_property query
 */
export class MatchFilter {
  query: string
  fuzzy?: boolean
}

export class EverythingFilter {
  weight?: double
}

/**
 * One ordering: a special key, or any other key naming a field with its direction.
 * @variants container
 * @behavior_meta AdditionalProperty key=field value=direction
 */
export class Ordering implements AdditionalProperty<string, Direction> {
  _random?: RandomOrdering
}

export class RandomOrdering {
  seed: long
}

export enum Direction {
  asc,
  desc
}

/**
 * Bounds without a discriminator: the value decides, the untyped variant takes the rest.
 * @variants untagged untyped=shapes._types.UntypedBound
 * @non_exhaustive
 */
export type Bound = UntypedBound | NumberBound | TextBound

export class UntypedBound {
  gte?: UserDefinedValue
  lte?: UserDefinedValue
}

export class NumberBound {
  gte?: double
  lte?: double
}

export class TextBound {
  gte?: string
  lte?: string
}

/** A closed union without a discriminator: a number or one literal. */
export type Size = integer | 'unbounded'

/** An enum with an alias. */
export enum Color {
  red,
  green,
  /** @aliases grey */
  gray
}

/**
 * A result whose kind travels in its `typed_keys` key (`count#name`).
 * @variants typed_keys_quirk
 * @non_exhaustive
 */
export type Summary = CountSummary | MeanSummary

/** @variant name=count */
export class CountSummary {
  value: long
}

/** @variant name=mean */
export class MeanSummary {
  value: double | null
}
