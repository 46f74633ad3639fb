module example.com/shop

go 1.27.3
