#!/bin/bash
# /opt/importtime-wrapper: a Lambda layer script. Set AWS_LAMBDA_EXEC_WRAPPER to its
# path and Lambda runs it with the runtime's command line: the interpreter first,
# then its arguments. Insert -X importtime after the interpreter.
args=("$@")
exec "${args[0]}" -X importtime "${args[@]:1}"
