#!/usr/bin/env bash
# Turn importtime on for an existing function (ZIP or container image).
# Careful: --environment replaces all the function's variables; list the others too.
aws lambda update-function-configuration \
  --function-name orders-api \
  --environment 'Variables={PYTHONPROFILEIMPORTTIME=1}'
