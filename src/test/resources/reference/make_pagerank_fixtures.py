#!/usr/bin/env python3
"""Regenerates the PageRank reference fixtures from networkx (run from this folder).

Each graph G is written as <name>.edges.csv (src,dst,weight: one line per directed edge,
parallel edges repeated) and <name>.pagerank.csv (node,pagerank) computed by
networkx.pagerank(G, alpha=0.85, tol=1e-15, max_iter=10000): the textbook definition with
uniform teleport and dangling mass spread uniformly. Undirected graphs are made directed with
both directions, which is what networkx does internally for them.

Graphs: real ones that networkx ships (Zachary's karate club, Les Miserables co-occurrence,
Florentine families) and a seeded random multigraph with self-loops, parallel edges, dangling
and isolated nodes.
"""
import csv
import random

import networkx as nx


def write(name, graph, nodes=None):
    directed = graph if graph.is_directed() else graph.to_directed()
    with open(f"{name}.edges.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["src", "dst", "weight"])
        for u, v, data in directed.edges(data=True):
            w.writerow([u, v, repr(float(data.get("weight", 1.0)))])
    pr = nx.pagerank(graph, alpha=0.85, tol=1e-15, max_iter=10000, weight="weight")
    with open(f"{name}.pagerank.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["node", "pagerank"])
        for node in sorted(pr, key=str):
            w.writerow([node, repr(pr[node])])


def karate():
    g = nx.karate_club_graph()  # edge attribute 'weight' = number of shared contexts
    return nx.relabel_nodes(g, {n: f"k{n}" for n in g})


def les_miserables():
    return nx.les_miserables_graph()  # weighted co-occurrences


def florentine():
    return nx.florentine_families_graph()  # unweighted; Pucci is isolated


def random_multigraph():
    rnd = random.Random(7)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"n{i}" for i in range(40))
    for _ in range(150):
        u = f"n{rnd.randrange(30)}"  # n30..n39 never act: dangling (and some isolated)
        v = f"n{rnd.randrange(36)}"  # n36..n39 receive nothing either: isolated
        g.add_edge(u, v, weight=rnd.choice([0.5, 1.0, 2.0, 3.0]))
    for i in range(5):
        g.add_edge(f"n{i}", f"n{i}", weight=1.0)  # self-loops
    return g


if __name__ == "__main__":
    write("karate", karate())
    write("les_miserables", les_miserables())
    write("florentine", florentine())
    write("random_multigraph", random_multigraph())
    print("networkx", nx.__version__)
