bench/scripts/recording-size.sh server/target/tickcast-server.jar bench/results/recording/size-10min 10 # 2026-12-05T22:52:59Z, f04b366
