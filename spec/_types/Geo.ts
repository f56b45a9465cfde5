/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { double } from './Numeric'

/** A bounding box given by its four edges. */
export class CoordsGeoBounds {
  top: double
  bottom: double
  left: double
  right: double
}

/** Units for distances. */
export enum DistanceUnit {
  inches = 'in',
  'feet' = 'ft',
  'yards' = 'yd',
  miles = 'mi',
  nautic_miles = 'nmi',
  kilometers = 'km',
  meters = 'm',
  centimeters = 'cm',
  millimeters = 'mm'
}

/**
 * A geographic bounding box, in one of four shapes: four edge coordinates, a top-left and
 * bottom-right pair of points, a top-right and bottom-left pair of points, or a WKT `BBOX`.
 *
 * @codegen_names coords, tlbr, trbl, wkt
 */
export type GeoBounds =
  | CoordsGeoBounds
  | TopLeftBottomRightGeoBounds
  | TopRightBottomLeftGeoBounds
  | WktGeoBounds

/** How distances between two points are computed. */
export enum GeoDistanceType {
  /**
   * Great-circle computation: slower, most precise.
   */
  arc,
  /**
   * Flat-earth approximation: faster, less precise over long distances.
   */
  plane
}

/** A point or cell encoded as a geohash string. */
export type GeoHash = string

/** A point given by its geohash. */
export class GeoHashLocation {
  geohash: GeoHash
}

/**
 * A point on the earth. Accepted shapes: an object with `lat` and `lon`, an object with a
 * `geohash`, an array `[lon, lat]`, or a string (`"lat,lon"`, a geohash or WKT `POINT`).
 *
 * @codegen_names latlon, geohash, coords, text
 */
// Mirrors what the server's point parser accepts.
export type GeoLocation =
  | LatLonGeoLocation
  | GeoHashLocation
  | double[]
  | string

/** A point given by latitude and longitude, in degrees. */
export class LatLonGeoLocation {
  /**
   * Latitude in degrees.
   */
  lat: double
  /**
   * Longitude in degrees.
   */
  lon: double
}

/** A bounding box given by its top-left and bottom-right corners. */
export class TopLeftBottomRightGeoBounds {
  top_left: GeoLocation
  bottom_right: GeoLocation
}

/** A bounding box given by its top-right and bottom-left corners. */
export class TopRightBottomLeftGeoBounds {
  top_right: GeoLocation
  bottom_left: GeoLocation
}

/** A bounding box written as a WKT `BBOX` string. */
export class WktGeoBounds {
  wkt: string
}
