/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { double, long } from './Numeric'

/**
 * A point in time: a formatted date string (ISO 8601 unless stated otherwise) or
 * milliseconds since the Unix epoch. Servers usually answer with the string form.
 */
export type DateTime = string | EpochTime<UnitMillis>

/** A count of whole seconds. */
export type UnitSeconds = long

/** A count of seconds that may have a fractional part. */
export type UnitFloatSeconds = double

/** A count of whole milliseconds. */
export type UnitMillis = long

/** A count of whole nanoseconds. */
export type UnitNanos = long

/** A count of milliseconds that may have a fractional part. */
export type UnitFloatMillis = double

/** A timestamp counted from the Unix epoch, in the unit given by `Unit`. */
export type EpochTime<Unit> = Unit

/** A date math expression such as `now-1d/d`. */
export type DateMath = string

/** A time of day, `HH:mm` style. */
export type TimeOfDay = string

/** A UTC offset (`+01:00`) or an IANA time zone name (`Europe/Paris`). */
export type TimeZone = string

/**
 * A date pattern or the name of a built-in date format.
 * @doc_id mapping-date-format
 */
export type DateFormat = string

/**
 * A length of time written as a number and a unit: `nanos`, `micros`, `ms`, `s`, `m`, `h` or `d`
 * (for example `30s`). `0` and `-1` are also accepted, the latter meaning "not set".
 * @doc_id time-value
 * @ext_doc_id time-units
 */
// Counterpart of the server's TimeValue.
export type Duration = string | -1 | 0

/**
 * Like `Duration`, but calendar units are allowed too: `w`, `M`, `q` and `y`.
 */
// Counterpart of the server's DateHistogramInterval.
export type DurationLarge = string

/** A length of time expressed as a plain number in the unit given by `Unit`. */
export type DurationValue<Unit> = Unit

/** Units in which a length of time can be reported. */
export enum TimeUnit {
  nanoseconds = 'nanos',
  microseconds = 'micros',
  milliseconds = 'ms',
  seconds = 's',
  minutes = 'm',
  hours = 'h',
  days = 'd'
}
