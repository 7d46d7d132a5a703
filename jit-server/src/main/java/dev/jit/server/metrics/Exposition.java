package dev.jit.server.metrics;

/** Writes the Prometheus text exposition format (version 0.0.4). */
final class Exposition {
    private final StringBuilder sb = new StringBuilder(4096);

    void header(String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, String labels, double value) {
        sb.append(name);
        if (labels != null && !labels.isEmpty()) {
            sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(number(value)).append('\n');
    }

    void gauge(String name, String help, double value) {
        header(name, "gauge", help);
        sample(name, null, value);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).toPlainString();
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
