-- wrk script: POST /api/issues with the bench token.
wrk.method = "POST"
wrk.body = '{"title":"created by wrk","priority":"normal","labels":["type:bench"]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("JIT_BENCH_TOKEN")
