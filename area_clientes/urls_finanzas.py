"""Portal pages over invoices, payments and payouts (facturacion, pagos)."""

urlpatterns = []
