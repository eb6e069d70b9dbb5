package decision_test

import (
	"slices"
	"strings"
	"testing"
)

func TestRunScenarios(t *testing.T) {
	tests := []struct {
		file           string
		reached        []string // per scenario
		failing        []int    // 1-based numbers of the scenarios with a problem
		coverage       string
		missedOutcomes []string
		missedOptions  []string
	}{
		{
			file:     "testdata/whatsapp.txt",
			reached:  []string{"us-phi-no-baa", "us-baa-platform", "us-admin-only", "us-not-covered", "uk-with-approval", "uk-no-approval", "india-conditions", "elsewhere"},
			coverage: "scenarios reach 8/8 outcomes and take 12/12 options",
		},
		{
			file:     "testdata/validate/scenario-fails.txt",
			reached:  []string{"yes", "no", "no", "no", "no"},
			failing:  []int{2, 3, 4, 5},
			coverage: "scenarios reach 2/2 outcomes and take 4/4 options",
		},
		{
			file:           "testdata/validate/scenario-unknown-answer.txt",
			reached:        []string{"q2", "q"},
			failing:        []int{1, 2},
			coverage:       "scenarios reach 0/2 outcomes and take 1/4 options",
			missedOutcomes: []string{"no", "yes"},
			missedOptions:  []string{"q: No", "q2: Yes", "q2: No"},
		},
		{
			file:           "testdata/validate/scenario-past-outcome.txt",
			reached:        []string{"no"},
			failing:        []int{1},
			coverage:       "scenarios reach 1/2 outcomes and take 1/4 options",
			missedOutcomes: []string{"yes"},
			missedOptions:  []string{"q: Yes", "q2: Yes", "q2: No"},
		},
		{
			file:     "testdata/validate/valid.txt",
			reached:  []string{"yes", "no"},
			coverage: "scenarios reach 2/2 outcomes and take 2/2 options",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			results, cov := loadTree(t, tt.file).RunScenarios()
			var reached []string
			var failing []int
			for i, r := range results {
				reached = append(reached, r.Reached)
				if r.Problem != "" {
					failing = append(failing, i+1)
					if !strings.HasPrefix(r.Problem, "scenario ") {
						t.Errorf("problem %q does not name its scenario", r.Problem)
					}
				}
			}
			if !slices.Equal(reached, tt.reached) {
				t.Errorf("reached %q, want %q", reached, tt.reached)
			}
			if !slices.Equal(failing, tt.failing) {
				t.Errorf("failing scenarios %v, want %v", failing, tt.failing)
			}
			if got := cov.String(); got != tt.coverage {
				t.Errorf("coverage %q, want %q", got, tt.coverage)
			}
			if !slices.Equal(cov.MissedOutcomes, tt.missedOutcomes) {
				t.Errorf("missed outcomes %q, want %q", cov.MissedOutcomes, tt.missedOutcomes)
			}
			if !slices.Equal(cov.MissedOptions, tt.missedOptions) {
				t.Errorf("missed options %q, want %q", cov.MissedOptions, tt.missedOptions)
			}
		})
	}
}
