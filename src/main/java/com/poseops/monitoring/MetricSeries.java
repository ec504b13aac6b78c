package com.poseops.monitoring;

/**
 * The series every Monitoring view shows, the same in both modes. Latencies are in milliseconds (SageMaker publishes
 * microseconds; the adapters convert), counts are per period, utilisations in percent (CPU: 100 % per core, as
 * SageMaker's {@code CPUUtilization}).
 */
public enum MetricSeries {
    MODEL_LATENCY_P50("Model latency p50", Unit.MILLISECONDS),
    MODEL_LATENCY_P90("Model latency p90", Unit.MILLISECONDS),
    MODEL_LATENCY_P99("Model latency p99", Unit.MILLISECONDS),
    MODEL_LATENCY_AVERAGE("Model latency average", Unit.MILLISECONDS),
    OVERHEAD_LATENCY_P50("Overhead latency p50", Unit.MILLISECONDS),
    OVERHEAD_LATENCY_P90("Overhead latency p90", Unit.MILLISECONDS),
    OVERHEAD_LATENCY_P99("Overhead latency p99", Unit.MILLISECONDS),
    OVERHEAD_LATENCY_AVERAGE("Overhead latency average", Unit.MILLISECONDS),
    INVOCATIONS("Invocations", Unit.COUNT),
    ERRORS_4XX("4xx errors", Unit.COUNT),
    ERRORS_5XX("5xx errors", Unit.COUNT),
    CPU_UTILIZATION("CPU", Unit.PERCENT),
    MEMORY_UTILIZATION("Memory", Unit.PERCENT),
    DISK_UTILIZATION("Disk", Unit.PERCENT);

    private final String label;
    private final Unit unit;

    MetricSeries(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public enum Unit {
        MILLISECONDS("ms"), COUNT("requests"), PERCENT("%");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
