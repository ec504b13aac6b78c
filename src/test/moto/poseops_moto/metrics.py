"""CloudWatch percentile statistics for moto 5.2.1 (issue 10, the Monitoring page's aws adapter).

Stock moto's GetMetricData / GetMetricStatistics know Sum, Average, Minimum, Maximum and SampleCount only: a ``p50``
statistic comes back as a list of nulls. This module adds extended statistics ``pNN`` / ``pNN.N`` computed from what
was put with PutMetricData:

* raw values (``Value``, or ``Values`` with ``Counts``: each value counted ``Counts[i]`` times) give the
  nearest-rank percentile of all values in the period: sorted ascending, the value at rank ceil(p/100 × n);
* statistic sets (``StatisticValues``) carry no distribution. As in CloudWatch, a percentile is only available when
  every set has ``SampleCount`` 1 or ``Minimum`` = ``Maximum`` (then its values are known); otherwise the period has
  no data point for that percentile.

Periods whose statistic cannot be computed are left out of the answer (stock moto would return a null value), as
CloudWatch returns no data point for them. Real CloudWatch computes percentiles of large samples approximately (within
about 1 %); here they are exact, which is what the tests compare against. See docs/moto-notes.md.
"""
import math
import re

from moto.cloudwatch import models

_PERCENTILE = re.compile(r"^p(\d{1,2}(\.\d+)?|100)$")


def _values_for_percentile(statistics):
    values = list(statistics.metric_single_values_list)
    for aggregated in statistics.metric_aggregated_list:
        count = int(round(float(aggregated.sample_count)))
        if count == 1:
            values.append(float(aggregated.sum))
        elif float(aggregated.min) == float(aggregated.max):
            values.extend([float(aggregated.min)] * count)
        else:
            return None  # a statistic set with a spread: no distribution to take a percentile of
    return values


def percentile(values, p):
    """Nearest-rank percentile: the smallest value such that at least p % of the values are at most it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(math.ceil(p / 100.0 * len(ordered))))
    return ordered[min(rank, len(ordered)) - 1]


def install():
    original_statistic = models.Statistics.get_statistics_for_type
    original_get_metric_data = models.CloudWatchBackend.get_metric_data

    def get_statistics_for_type(self, stat):
        match = _PERCENTILE.match(stat or "")
        if match:
            values = _values_for_percentile(self)
            return None if values is None else percentile(values, float(match.group(1)))
        return original_statistic(self, stat)

    def get_metric_data(self, queries, start_time, end_time, scan_by="TimestampAscending"):
        results = original_get_metric_data(self, queries, start_time, end_time, scan_by)
        for result in results:
            kept = [(t, v) for t, v in zip(result["timestamps"], result["values"]) if v is not None]
            result["timestamps"] = [t for t, _ in kept]
            result["values"] = [v for _, v in kept]
        return results

    models.Statistics.get_statistics_for_type = get_statistics_for_type
    models.CloudWatchBackend.get_metric_data = get_metric_data
