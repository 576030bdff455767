package io.github.camelparallel.examples.filepipeline;

import java.util.Locale;
import java.util.function.Function;

/**
 * The task of {@code parallel:trips}: one CSV line of a trip in ({@value #INPUT_HEADER}), one CSV line out with its
 * great-circle distance ({@value #OUTPUT_HEADER}, kilometres with three decimals). The input's header line maps to
 * the output's header, so an output file in input order starts with its header like any CSV. A line that is not a
 * trip fails with a message quoting it. Stateless and thread-safe.
 */
public class TripDistance implements Function<String, String> {

    public static final String INPUT_HEADER = "trip_id,start_lat,start_lon,end_lat,end_lon";
    public static final String OUTPUT_HEADER = "trip_id,distance_km";

    /** The mean Earth radius (IUGG), in kilometres. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    @Override
    public String apply(String line) {
        if (INPUT_HEADER.equals(line)) {
            return OUTPUT_HEADER;
        }
        String[] fields = line == null ? new String[0] : line.split(",", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("not a trip line (" + INPUT_HEADER + "): '" + line + "'");
        }
        try {
            double km = haversineKm(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]), Double.parseDouble(fields[4]));
            return fields[0] + "," + String.format(Locale.ROOT, "%.3f", km);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a trip line (" + INPUT_HEADER + "): '" + line + "'", e);
        }
    }

    /** The great-circle distance between two points given in degrees, by the haversine formula. */
    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dPhi / 2), 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
