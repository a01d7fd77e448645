#!/usr/bin/env bash
# Download the last hour of a function's logs in forms coldscope opens.
GROUP=/aws/lambda/orders-api
START=$(( ($(date +%s) - 3600) * 1000 ))   # milliseconds since the epoch

# Every stream, as JSON (the CLI follows nextToken itself):
aws logs filter-log-events --log-group-name "$GROUP" --start-time "$START" \
  --output json > orders-api-cold-starts.json

# Only what matters for cold starts:
aws logs filter-log-events --log-group-name "$GROUP" --start-time "$START" \
  --filter-pattern '?INIT_START ?REPORT ?"import time:" ?"Task timed out"' \
  --output json > orders-api-init.json

# Or as text lines with timestamps and stream names:
aws logs tail "$GROUP" --since 1h --format detailed > orders-api.log
