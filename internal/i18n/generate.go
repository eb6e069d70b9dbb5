package i18n

// The CLDR date table: see gendates/main.go for the npm package it reads.
//go:generate go run ./gendates -o cldr_dates.go
