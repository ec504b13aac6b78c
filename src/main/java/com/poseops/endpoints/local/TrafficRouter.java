package com.poseops.endpoints.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Where the front door sends each request: to a fleet chosen by weight (SageMaker's traffic shifting between the blue
 * and the green fleet), then to one of its processes in turn. Weights change as a deployment goes; a fleet with weight
 * 0 gets no new requests, and one whose processes are all down is passed over for another with weight, so a request is
 * only refused when nothing at all can take it.
 */
final class TrafficRouter {

    /** The fleets and their shares of the traffic (0..1), as one immutable value swapped at once. */
    private volatile Map<Fleet, Double> weights = Map.of();
    private final AtomicInteger turn = new AtomicInteger();

    /** Routes everything to {@code fleet}. */
    void routeAll(Fleet fleet) {
        weights = Map.of(fleet, 1.0);
    }

    /** Splits the traffic: {@code share} (0..1) to {@code to}, the rest to {@code from}. */
    void split(Fleet from, Fleet to, double share) {
        Map<Fleet, Double> next = new LinkedHashMap<>();
        next.put(from, 1.0 - share);
        next.put(to, share);
        weights = Map.copyOf(next);
    }

    /** The share of the traffic {@code fleet} gets now (0 when it is not routed). */
    double weight(Fleet fleet) {
        return weights.getOrDefault(fleet, 0.0);
    }

    /**
     * A backend for one request, or empty when no fleet with weight has a process taking requests.
     *
     * @param avoid a backend that just failed this request (tried last, not first), or null
     */
    Optional<Backend.Lease> lease(Backend.@Nullable Lease avoid) {
        Map<Fleet, Double> current = weights;
        List<Fleet> order = new ArrayList<>();
        Fleet first = pick(current);
        if (first != null) {
            order.add(first);
        }
        current.forEach((fleet, weight) -> {
            if (weight > 0 && fleet != first) {
                order.add(fleet);
            }
        });
        for (Fleet fleet : order) {
            Optional<Backend.Lease> lease = leaseIn(fleet, avoid == null ? null : avoid.backend());
            if (lease.isPresent()) {
                return lease;
            }
        }
        return avoid == null ? Optional.empty() : avoid.backend().tryLease();
    }

    private static @Nullable Fleet pick(Map<Fleet, Double> current) {
        double total = current.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return null;
        }
        double point = ThreadLocalRandom.current().nextDouble(total);
        for (Map.Entry<Fleet, Double> entry : current.entrySet()) {
            point -= entry.getValue();
            if (point < 0 && entry.getValue() > 0) {
                return entry.getKey();
            }
        }
        return current.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    private Optional<Backend.Lease> leaseIn(Fleet fleet, @Nullable Backend avoid) {
        List<Backend> backends = fleet.backends();
        int start = Math.floorMod(turn.getAndIncrement(), backends.size());
        for (int i = 0; i < backends.size(); i++) {
            Backend backend = backends.get((start + i) % backends.size());
            if (backend == avoid) {
                continue;
            }
            Optional<Backend.Lease> lease = backend.tryLease();
            if (lease.isPresent()) {
                return lease;
            }
        }
        return Optional.empty();
    }
}
