from generator.cli import main
from generator.speed.leave import run

run(main)
