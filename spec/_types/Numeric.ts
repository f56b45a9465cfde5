/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

// Numeric aliases: all are JSON numbers on the wire, the name tells the intended width.

/** 16-bit signed integer. */
export type short = number
/** 8-bit signed integer. */
export type byte = number
/** 32-bit signed integer. */
export type integer = number
/** 32-bit unsigned integer. */
export type uint = number
/** 64-bit signed integer. */
export type long = number
/** 64-bit unsigned integer. */
export type ulong = number
/** 32-bit floating point number. */
export type float = number
/** 64-bit floating point number. */
export type double = number
/** A percentage, either as a number or as text such as `"75%"`. */
export type Percentage = string | float
