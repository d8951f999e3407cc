package extract

import (
	"slices"
	"testing"
)

// In a transcript, an answer without a verb of its own takes the question's: the terms of
// "Seven years for Levan, seven for Mariam" answer "the prosecution had asked for...?". The
// same answer outside a transcript (no speakers' labels) proposes no demand. Invented text.
func TestExtract_TranscriptAnswerTakesTheQuestion(t *testing.T) {
	text := "PODCAST, episode 12\nRecorded in Tbilisi on 18 September 2025.\n\n" +
		"DK: On Monday the court delivered its verdict. Who got what?\n\n" +
		"TJ: Levan Chkhartishvili got four years in prison. Mariam Tsertsvadze got two years, suspended.\n\n" +
		"DK: And the prosecution had asked for...?\n\n" +
		"TJ: Seven years for Levan, six for Mariam. The judge did not give them what the prosecutor wanted.\n"
	r := Extract(text)
	want := []string{"Levan Chkhartishvili: imprisonment P7Y", "Mariam Tsertsvadze: imprisonment P6Y"}
	if got := penaltyKeys(r.Demands); !slices.Equal(got, want) {
		t.Fatalf("demands = %v, want %v", got, want)
	}
}

// A given name the table of names lacks names, alone, the one person named in full with it
// before. Invented text.
func TestExtract_LoneUnknownGivenName(t *testing.T) {
	got := eventsOf("Tbilisi, 18 September 2025\n\nThe court tried Elguja Kvirikashvili and Nodar Beridze. Elguja was detained on 7 May 2025.")
	if want := []string{"detention 2025-05-07 Elguja Kvirikashvili"}; !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}
