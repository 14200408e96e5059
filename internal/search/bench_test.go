package search

import (
	"testing"
	"time"
)

const benchText = `Invånare i Funäsdalen, Tännäs och Ljusnedal som söker vård för akuta men ofta lindriga besvär – en stukad fot, ett sår som behöver sys, feber hos ett litet barn – hänvisas i dag till akutmottagningen i Östersund, drygt 20 mil bort. Många åker i onödan, och vintertid är vägarna riskabla. Vi vill kunna göra en första medicinsk bedömning lokalt på hälsocentralen, där en distriktssköterska finns på plats men läkare saknas kvällar och helger. Läkaren behöver kunna se patienten, lyssna på hjärta och lungor och titta i öron och svalg utan att vara i samma rum.`

// BenchmarkAnalyse: the cost of analysing a need's text, and of building the analyser.
func BenchmarkAnalyse(b *testing.B) {
	start := time.Now()
	a := Default()
	b.Logf("building the analyser: %s", time.Since(start))
	for b.Loop() {
		a.Analyse(benchText)
	}
}
