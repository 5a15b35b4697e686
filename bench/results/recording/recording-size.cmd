bench/scripts/recording-size.sh server/target/tickcast-server.jar bench/results/recording 3 # 2026-12-05T22:37:31Z, af31acb
