#!/usr/bin/env python3
"""Regenerates the graph reference fixtures from networkx (run from this folder).

Each graph G is written as <name>.edges.csv (src,dst,weight: one line per directed edge,
parallel edges repeated) and <name>.pagerank.csv (node,pagerank) computed by
networkx.pagerank(G, alpha=0.85, tol=1e-15, max_iter=10000): the textbook definition with
uniform teleport and dangling mass spread uniformly. Undirected graphs are made directed with
both directions, which is what networkx does internally for them.

<name>.ppr.csv (seeds,node,pagerank) holds personalized PageRank for two seed sets, "a" and "b"
(SEEDS below), computed by networkx.pagerank(G, personalization=s, dangling=s): teleport and
dangling mass both go to the seeds. <name>.kcore.csv (node,core) holds networkx.core_number of
the undirected simple graph (direction, parallel edges and self-loops dropped).

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


SEEDS = {
    "karate": {"a": {"k0": 1.0}, "b": {"k33": 0.75, "k5": 0.25}},
    "les_miserables": {"a": {"Valjean": 0.5, "Javert": 0.5}, "b": {"Myriel": 1.0}},
    "florentine": {"a": {"Medici": 1.0}, "b": {"Pucci": 0.5, "Strozzi": 0.5}},
    "random_multigraph": {"a": {"n1": 0.2, "n35": 0.8}, "b": {"n38": 1.0}},
}


def write_personalized(name, graph):
    with open(f"{name}.ppr.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["seeds", "node", "pagerank"])
        for label, seeds in sorted(SEEDS[name].items()):
            p = {n: seeds.get(n, 0.0) for n in graph}
            pr = nx.pagerank(graph, alpha=0.85, tol=1e-15, max_iter=10000, weight="weight",
                             personalization=p, dangling=p)
            for node in sorted(pr, key=str):
                w.writerow([label, node, repr(pr[node])])


def write_cores(name, graph):
    simple = nx.Graph(graph.to_undirected() if graph.is_directed() else graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    with open(f"{name}.kcore.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["node", "core"])
        for node, core in sorted(nx.core_number(simple).items(), key=lambda t: str(t[0])):
            w.writerow([node, core])


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
    for name, make in [("karate", karate), ("les_miserables", les_miserables),
                       ("florentine", florentine), ("random_multigraph", random_multigraph)]:
        g = make()
        write(name, g)
        write_personalized(name, g)
        write_cores(name, g)
    print("networkx", nx.__version__)
