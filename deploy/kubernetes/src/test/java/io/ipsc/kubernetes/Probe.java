package io.ipsc.kubernetes;
class Probe {}
