#!/usr/bin/env python3
"""Where a service's CPU goes, from a JFR recording (issue 19).

Record while a load runs, then summarise:
  jcmd <pid> JFR.start settings=profile duration=30s filename=/tmp/x.jfr
  jfr print --stack-depth 300 --events jdk.ExecutionSample /tmp/x.jfr > /tmp/x.txt   # the default depth is 5 frames
  deploy/local/profile/jfr-summary.py /tmp/x.txt [N]

Prints the samples by thread, the top N methods by self and inclusive samples, the same by package, and
the samples by area of the request path: each sample counted once, in the area of its topmost frame that
belongs to one (token check, SQL client, JSON, metrics, ...), so the areas add up to 100 %.
"""
import collections
import re
import sys

AREAS = [
    ('token check / security', r'jose4j|java\.math\.(Mutable)?BigInteger|sun\.security\.rsa|io\.quarkus\.security|io\.ipsc\.tenancy\.security|smallrye\.jwt|HttpAuthenticator|IdentityProvider'),
    ('JSON writing (Jackson)', r'com\.fasterxml\.jackson'),
    ('metrics (Micrometer)', r'micrometer'),
    ('SQL client (pg codec, pool)', r'io\.vertx\.pgclient|io\.vertx\.sqlclient'),
    ('tenant pool registry / audited pool', r'TenantPoolRegistry|AuditedPool|TenantPool\.'),
    ('tenant guard / request filters', r'TenantRequestGuard|TenantRequestCounter|BearerTokenFilter|OversizedBodyGuard|NoSniff'),
    ('context propagation (smallrye-context)', r'io\.smallrye\.context'),
    ('CDI request scope (ArC)', r'io\.quarkus\.arc'),
    ('logging', r'org\.jboss\.logmanager|org\.jboss\.logging'),
    ('date/time formatting', r'java\.time\.format'),
    ('gateway: forwarding (upstream request, headers)', r'io\.ipsc\.gateway\.proxy|Http1xClient|HttpClientImpl|HttpClientRequest|ClientConnection'),
    ('gateway: routes and door', r'io\.ipsc\.gateway\.'),
    ('UUID / SecureRandom', r'java\.util\.UUID|SecureRandom|sun\.security\.provider'),
    ('HTTP server parse/write', r'HttpObjectDecoder|HttpObjectEncoder|Http1xServer|HttpServerRequest|HttpServerResponse'),
    ('socket I/O', r'sun\.nio\.ch|IOUtil'),
    ('RESTEasy Reactive', r'org\.jboss\.resteasy'),
]
OTHER = '(JDK, netty, vert.x below none of these)'


def samples(text):
    for event in text.split('jdk.ExecutionSample {')[1:]:
        stack = re.search(r'stackTrace = \[(.*?)\n\s*\]', event, re.S)
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if stack:
            frames = [re.sub(r'\(.*', '', line.strip()) for line in stack.group(1).strip().split('\n')]
            yield (thread.group(1) if thread else '?'), [f for f in frames if f and f != '...']


def package(frame, depth=3):
    return '.'.join(frame.split('.')[:-2][:depth])


def area(frames):
    for frame in frames:
        for name, pattern in AREAS:
            if re.search(pattern, frame):
                return name
    return OTHER


def main():
    text = open(sys.argv[1]).read()
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    all_samples = list(samples(text))
    total = len(all_samples) or 1
    counters = collections.OrderedDict((title, collections.Counter()) for title in (
        'threads', 'areas (each sample once)', 'self, by method', 'inclusive, by method',
        'self, by package', 'inclusive, by package'))
    for thread, frames in all_samples:
        counters['threads'][re.sub(r'[-#]?\d+$', '', thread)] += 1
        counters['areas (each sample once)'][area(frames)] += 1
        if frames:
            counters['self, by method'][frames[0]] += 1
            counters['self, by package'][package(frames[0])] += 1
        counters['inclusive, by method'].update(set(frames))
        counters['inclusive, by package'].update(set(package(f) for f in frames))
    print(f'samples: {len(all_samples)}')
    for title, counter in counters.items():
        print(f'\n== {title}')
        for key, count in counter.most_common(n):
            print(f'{100 * count / total:5.1f} %  {count:6d}  {key}')


if __name__ == '__main__':
    main()
