module example.com/shop/web

go 1.22.10
